import { z } from "zod";

/**
 * The canonical study model. Every reader returns these shapes, already validated; nothing downstream
 * re-validates. Ids are strings ("007" stays "007"); days are study days (day 0 = first BiTE dose,
 * negative = before it).
 */

/** What a feature measures; decides its transform and its QC rules. */
export const FeatureKindSchema = z.enum([
  "frequency", // cell frequency, % of parent population
  "count", // absolute count, cells/uL
  "serology", // C3, C4, anti-dsDNA ...
  "urine", // urine protein/creatinine ratio ...
  "clinical", // clinical score: SLEDAI-2K, clinical SLEDAI, PGA, prednisone dose
  "singlecell", // single-cell cell-type count
  "other",
]);
export type FeatureKind = z.infer<typeof FeatureKindSchema>;

export const FeatureSchema = z.object({
  id: z.string().min(1),
  label: z.string(),
  kind: FeatureKindSchema,
  /** Flow panel or assay name. */
  panel: z.string().nullable(),
  /** Full gate path, e.g. "Lymphocytes/CD3+/CD4+/Treg". */
  gatePath: z.string().nullable(),
  /** Parent population id for frequencies (the denominator). */
  parent: z.string().nullable(),
  unit: z.string(),
  /** Lower limit of quantification in `unit`; values below it are left-censored. */
  lloq: z.number().nonnegative().nullable(),
});
export type Feature = z.infer<typeof FeatureSchema>;

export const SubjectSchema = z.object({
  id: z.string().min(1),
  sex: z.enum(["F", "M"]).nullable(),
  ageAtFirstDose: z.number().nonnegative().nullable(),
  /** Any other baseline covariate columns, kept as read (numbers when numeric). */
  covariates: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type Subject = z.infer<typeof SubjectSchema>;

export const HaemolysisSchema = z.enum(["none", "mild", "moderate", "severe"]);
export type Haemolysis = z.infer<typeof HaemolysisSchema>;

export const SampleSchema = z.object({
  id: z.string().min(1),
  subject: z.string().min(1),
  visit: z.string().min(1),
  day: z.number().int(),
  /** Viability of the cells, %. */
  viability: z.number().min(0).max(100).nullable(),
  haemolysis: HaemolysisSchema.nullable(),
  volumeMl: z.number().nonnegative().nullable(),
});
export type Sample = z.infer<typeof SampleSchema>;

/**
 * One value in the canonical long table. A left-censored value has `value = null`, `censored = "<"` and
 * `limit` = the reported limit (the LLOQ); a plain missing value has `value = null`, `censored = null`.
 */
export const MeasurementSchema = z.object({
  subject: z.string().min(1),
  visit: z.string().min(1),
  day: z.number().int(),
  feature: z.string().min(1),
  value: z.number().refine(Number.isFinite).nullable(),
  unit: z.string(),
  censored: z.literal("<").nullable(),
  limit: z.number().refine(Number.isFinite).nullable(),
});
export type Measurement = z.infer<typeof MeasurementSchema>;

/** The 24 SLEDAI-2K descriptors (Gladman et al. 2002), in the order of the published form. */
export const SLEDAI2K_DESCRIPTORS = [
  "seizure",
  "psychosis",
  "organicBrainSyndrome",
  "visualDisturbance",
  "cranialNerveDisorder",
  "lupusHeadache",
  "cva",
  "vasculitis",
  "arthritis",
  "myositis",
  "urinaryCasts",
  "hematuria",
  "proteinuria",
  "pyuria",
  "rash",
  "alopecia",
  "mucosalUlcers",
  "pleurisy",
  "pericarditis",
  "lowComplement",
  "increasedDnaBinding",
  "fever",
  "thrombocytopenia",
  "leukopenia",
] as const;
export type Sledai2kDescriptor = (typeof SLEDAI2K_DESCRIPTORS)[number];
export type Sledai2kDescriptors = Record<Sledai2kDescriptor, boolean>;

/** One clinical assessment (a visit): SLEDAI-2K descriptors, physician global assessment, steroid dose. */
export interface ClinicalVisit {
  subject: string;
  visit: string;
  day: number;
  /** null for a totals-only clinical file (the recorded total without its descriptors). */
  descriptors: Sledai2kDescriptors | null;
  /** SLEDAI-2K total computed from the descriptors (0-105), or the recorded total of a totals-only file. */
  sledai2k: number;
  /** Clinical SLEDAI-2K: without low complement and increased DNA binding; null without descriptors. */
  clinicalSledai: number | null;
  /** Physician global assessment, 0-3 scale. */
  pga: number | null;
  /** Prednisone (or equivalent) dose, mg/day. */
  prednisoneMgPerDay: number | null;
  /** Immunosuppressive / biologic doses stable (needed by DORIS and LLDAS); null when not recorded. */
  immunosuppressantsStable: boolean | null;
}

/** A single-cell cell-type count: the number of cells of `cellType` in the sample of (subject, visit). */
export interface SingleCellCount {
  subject: string;
  visit: string;
  day: number;
  cellType: string;
  count: number;
}

/** A sample removed by the protocol's exclusion rules, with the reason. */
export interface SampleExclusion {
  sample: string;
  subject: string;
  visit: string;
  day: number;
  reason: string;
}

/** One input row that was skipped (only with `skipInvalid`), with every reason found. */
export interface SkippedRow {
  file: string;
  row: number;
  reasons: string[];
}

/** A visit of the schedule: label, nominal study day and the accepted window (inclusive, in days). */
export const VisitDefinitionSchema = z.object({
  label: z.string().min(1),
  /** Nominal day; fractional for hour-level visits (2 h = 2/24). */
  day: z.number(),
  window: z.tuple([z.number(), z.number()]).optional(),
});
export type VisitDefinition = z.infer<typeof VisitDefinitionSchema>;

/** Protocol exclusion thresholds for samples. */
export const ExclusionRulesSchema = z.object({
  /** Samples with viability below this (%) are excluded from flow (frequency, count, singlecell) features. */
  minViability: z.number().min(0).max(100).default(70),
  /** Haemolysis grades that exclude a sample from every blood measurement. */
  excludeHaemolysis: z.array(HaemolysisSchema).default(["severe"]),
});
export type ExclusionRules = z.infer<typeof ExclusionRulesSchema>;

/** The data model of a whole study, as returned by `readStudy`. */
export interface Study {
  name: string;
  /** True for simulated data; every report made from it must say SIMULATED. */
  simulated: boolean;
  description: string;
  /** Path of the manifest (or data file) the study was read from. */
  source: string;
  subjects: Subject[];
  samples: Sample[];
  features: Feature[];
  /**
   * Canonical long measurements: lab features from measurements.csv (minus excluded samples) followed by
   * the clinical features derived from clinical.csv (sledai2k, clinical_sledai, pga, prednisone).
   */
  measurements: Measurement[];
  clinical: ClinicalVisit[];
  singleCell: SingleCellCount[];
  visits: VisitDefinition[];
  exclusions: SampleExclusion[];
  exclusionRules: ExclusionRules;
  /** Recorded clinical settings: the SLEDAI-2K scoring window (days). */
  clinicalSettings: { scoringWindowDays: number };
  /** Rows left out by `skipInvalid`, each with its reasons; empty otherwise. */
  skipped: SkippedRow[];
}
