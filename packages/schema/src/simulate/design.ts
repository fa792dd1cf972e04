/**
 * The study design that `simulateCohort` mirrors: the visit schedule, the flow cytometry gating tree and
 * the latent-activity loadings (the ground truth). Loadings are on the feature's link scale (logit for %
 * of parent, log for counts and labs, log-ratio inside a compositional group) per unit of the latent
 * disease activity A in [0, 1].
 */

export interface ScheduledVisit {
  label: string;
  day: number;
  /** Inclusive window of accepted study days. */
  window: [number, number];
  /** Largest jitter (days) applied to the nominal day when simulating. */
  jitter: number;
}

export const VISIT_SCHEDULE: readonly ScheduledVisit[] = [
  { label: "D-7", day: -7, window: [-14, -1], jitter: 3 },
  { label: "D0", day: 0, window: [0, 0], jitter: 0 },
  { label: "D3", day: 3, window: [2, 4], jitter: 0 },
  { label: "D7", day: 7, window: [6, 8], jitter: 1 },
  { label: "D14", day: 14, window: [12, 16], jitter: 1 },
  { label: "D21", day: 21, window: [18, 24], jitter: 2 },
  { label: "D28", day: 28, window: [25, 31], jitter: 2 },
  { label: "D56", day: 56, window: [49, 63], jitter: 5 },
  { label: "D84", day: 84, window: [77, 91], jitter: 5 },
  { label: "D168", day: 168, window: [154, 182], jitter: 10 },
  { label: "D364", day: 364, window: [336, 392], jitter: 21 },
];

export interface PopulationDesign {
  key: string;
  label: string;
  /** Parent population key; null for the root (leukocytes, reported as a count only). */
  parent: string | null;
  /** Typical % of parent at baseline (for the root: cells/uL). */
  typical: number;
  /** Mutually exclusive sibling set normalised together (softmax of log-weights). */
  group?: string;
  /** Between-subject SD on the link scale. */
  subjectSd: number;
  /** Loading on latent activity A (link scale per unit A). */
  activity: number;
  /** Shift on the link scale during B-cell reconstitution (naive-dominant phenotype). */
  reconstitution: number;
  /** Depleted by the CD3xCD19 BiTE (the CD19+ B-cell population itself). */
  depleted: boolean;
  panel: string;
}

function pop(
  key: string,
  label: string,
  parent: string | null,
  typical: number,
  panel: string,
  extra: Partial<Pick<PopulationDesign, "group" | "subjectSd" | "activity" | "reconstitution" | "depleted">> = {}
): PopulationDesign {
  return {
    key,
    label,
    parent,
    typical,
    panel,
    group: extra.group,
    subjectSd: extra.subjectSd ?? 0.25,
    activity: extra.activity ?? 0,
    reconstitution: extra.reconstitution ?? 0,
    depleted: extra.depleted ?? false,
  };
}

/** The simulated panel: the root (leukocytes, a count only) and 40 populations; parents come before children. */
export const POPULATIONS: readonly PopulationDesign[] = [
  pop("leukocytes", "Leukocytes", null, 7000, "TBNK", { subjectSd: 0.2, activity: -0.5 }),
  pop("lymphocytes", "Lymphocytes", "leukocytes", 32, "TBNK", { activity: -0.6 }),
  pop("t_cells", "CD3+ T cells", "lymphocytes", 68, "TBNK", { subjectSd: 0.2 }),
  pop("b_cells", "CD19+ B cells", "lymphocytes", 14, "TBNK", { subjectSd: 0.3, depleted: true }),
  pop("nk_cells", "CD3-CD56+ NK cells", "lymphocytes", 10, "TBNK", { subjectSd: 0.3, activity: -0.4 }),
  pop("cd4", "CD4+ T cells", "t_cells", 62, "T", { subjectSd: 0.15 }),
  pop("cd8", "CD8+ T cells", "t_cells", 30, "T", { subjectSd: 0.2 }),
  pop("cd4_naive", "CD4 naive (CD45RA+CCR7+)", "cd4", 55, "T", { group: "cd4_memory" }),
  pop("cd4_central_memory", "CD4 central memory (CD45RA-CCR7+)", "cd4", 25, "T", { group: "cd4_memory" }),
  pop("cd4_effector_memory", "CD4 effector memory (CD45RA-CCR7-)", "cd4", 16, "T", { group: "cd4_memory" }),
  pop("cd4_temra", "CD4 TEMRA (CD45RA+CCR7-)", "cd4", 4, "T", { group: "cd4_memory" }),
  pop("treg", "Treg (CD25+CD127lo)", "cd4", 6, "T", { activity: -0.6 }),
  pop("tfh", "circulating Tfh (CXCR5+PD-1+)", "cd4", 4, "T", { activity: 1.0 }),
  pop("cd4_activated", "CD4 activated (CD38+HLA-DR+)", "cd4", 3, "T", { activity: 1.6 }),
  pop("cd8_naive", "CD8 naive (CD45RA+CCR7+)", "cd8", 50, "T", { group: "cd8_memory" }),
  pop("cd8_central_memory", "CD8 central memory (CD45RA-CCR7+)", "cd8", 12, "T", { group: "cd8_memory" }),
  pop("cd8_effector_memory", "CD8 effector memory (CD45RA-CCR7-)", "cd8", 23, "T", { group: "cd8_memory" }),
  pop("cd8_temra", "CD8 TEMRA (CD45RA+CCR7-)", "cd8", 15, "T", { group: "cd8_memory" }),
  pop("cd8_activated", "CD8 activated (CD38+HLA-DR+)", "cd8", 4, "T", { activity: 1.2 }),
  pop("gd_t", "gamma-delta T cells", "t_cells", 4, "T", { subjectSd: 0.4 }),
  pop("mait", "MAIT cells (Va7.2+CD161+)", "t_cells", 2, "T", { subjectSd: 0.4 }),
  pop("th17", "Th17 (CCR6+CXCR3-)", "cd4", 8, "T"),
  pop("b_naive", "naive B (IgD+CD27-)", "b_cells", 62, "B", { group: "b_memory", reconstitution: 0.9 }),
  pop("b_unswitched_memory", "unswitched memory B (IgD+CD27+)", "b_cells", 10, "B", {
    group: "b_memory",
    reconstitution: -1.2,
  }),
  pop("b_switched_memory", "switched memory B (IgD-CD27+)", "b_cells", 16, "B", {
    group: "b_memory",
    reconstitution: -1.5,
  }),
  pop("b_double_negative", "double-negative B (IgD-CD27-)", "b_cells", 12, "B", {
    group: "b_memory",
    activity: 0.8,
    reconstitution: -0.8,
  }),
  pop("b_dn2", "DN2 B (CD21-CD11c+)", "b_double_negative", 30, "B", { activity: 1.2, reconstitution: -0.8 }),
  pop("b_transitional", "transitional B (CD24hiCD38hi)", "b_cells", 5, "B", { reconstitution: 1.6 }),
  pop("plasmablasts", "plasmablasts (CD27hiCD38hi)", "b_cells", 2.5, "B", { activity: 2.0, reconstitution: -0.8 }),
  pop("b_cd21_low", "CD21low B", "b_cells", 6, "B", { activity: 0.5, reconstitution: -0.5 }),
  pop("nk_bright", "CD56bright NK", "nk_cells", 8, "TBNK", { group: "nk" }),
  pop("nk_dim", "CD56dim NK", "nk_cells", 92, "TBNK", { group: "nk" }),
  pop("monocytes", "Monocytes", "leukocytes", 8, "Myeloid", { subjectSd: 0.2 }),
  pop("mono_classical", "classical monocytes (CD14++CD16-)", "monocytes", 85, "Myeloid", { group: "mono" }),
  pop("mono_intermediate", "intermediate monocytes (CD14++CD16+)", "monocytes", 6, "Myeloid", {
    group: "mono",
    activity: 0.4,
  }),
  pop("mono_nonclassical", "non-classical monocytes (CD14+CD16++)", "monocytes", 9, "Myeloid", { group: "mono" }),
  pop("pdc", "plasmacytoid DC", "leukocytes", 0.3, "Myeloid", { activity: -0.8 }),
  pop("mdc", "myeloid DC", "leukocytes", 0.5, "Myeloid"),
  pop("neutrophils", "Neutrophils", "leukocytes", 55, "Myeloid", { subjectSd: 0.2 }),
  pop("eosinophils", "Eosinophils", "leukocytes", 2.5, "Myeloid", { subjectSd: 0.4 }),
  pop("basophils", "Basophils", "leukocytes", 0.6, "Myeloid", { subjectSd: 0.3 }),
];

/** Within-subject residual SD on the link scale for flow features. */
export const FLOW_RESIDUAL_SD = 0.25;

/** Counts are quantifiable down to this many cells/uL; below it they are reported as "<1". */
export const COUNT_LLOQ = 1;

export interface LabDesign {
  id: string;
  label: string;
  kind: "serology" | "urine";
  unit: string;
  /** Typical value at A = 0. */
  typical: number;
  subjectSd: number;
  residualSd: number;
  activity: number;
  lloq: number | null;
}

/** Labs on the log scale: log y = log(typical) + u_i + activity * A + e. */
export const LABS: readonly LabDesign[] = [
  {
    id: "c3",
    label: "Complement C3",
    kind: "serology",
    unit: "g/L",
    typical: 1.15,
    subjectSd: 0.12,
    residualSd: 0.07,
    activity: -0.7,
    lloq: 0.05,
  },
  {
    id: "c4",
    label: "Complement C4",
    kind: "serology",
    unit: "g/L",
    typical: 0.22,
    subjectSd: 0.2,
    residualSd: 0.1,
    activity: -1.1,
    lloq: 0.02,
  },
  {
    id: "anti_dsdna",
    label: "anti-dsDNA antibodies",
    kind: "serology",
    unit: "IU/mL",
    typical: 4,
    subjectSd: 0.5,
    residualSd: 0.25,
    activity: 3.2,
    lloq: 5,
  },
  {
    id: "upcr",
    label: "urine protein/creatinine ratio",
    kind: "urine",
    unit: "mg/mmol",
    typical: 12,
    subjectSd: 0.4,
    residualSd: 0.3,
    activity: 2.8,
    lloq: 1,
  },
];

/** Laboratory thresholds that turn labs into SLEDAI-2K descriptors. */
export const DESCRIPTOR_THRESHOLDS = {
  /** Low complement: C3 or C4 below the lower limit of normal (g/L). */
  c3Lower: 0.9,
  c4Lower: 0.1,
  /** Increased DNA binding: above the laboratory's normal range (IU/mL). */
  antiDsDnaUpper: 10,
  /** Proteinuria > 0.5 g/24 h, taken as uPCR > 50 mg/mmol. */
  upcrProteinuria: 50,
  /** Leukopenia < 3 x 10^9/L. */
  leukocytesLower: 3000,
} as const;

/** Clinical descriptors a subject may show when active (drawn per subject). */
export const CLINICAL_MANIFESTATIONS = [
  "arthritis",
  "rash",
  "alopecia",
  "mucosalUlcers",
  "fever",
  "thrombocytopenia",
  "hematuria",
  "pyuria",
  "urinaryCasts",
  "pleurisy",
  "vasculitis",
] as const;
