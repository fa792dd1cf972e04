import { createRandomStream, deriveSeed, type RandomStream } from "@biomarker/numerics";
import { StudyManifestSchema, type StudyManifest } from "../model/manifest.js";
import {
  type ClinicalVisit,
  type Feature,
  type Measurement,
  type Sample,
  type SingleCellCount,
  type Study,
  type Subject,
} from "../model/study.js";
import { noDescriptors } from "../clinical/sledai2k.js";
import { assembleStudy, scoredClinicalVisit, type StudyParts } from "../validate/assembleStudy.js";
import {
  CLINICAL_MANIFESTATIONS,
  COUNT_LLOQ,
  DESCRIPTOR_THRESHOLDS,
  FLOW_RESIDUAL_SD,
  LABS,
  POPULATIONS,
  VISIT_SCHEDULE,
  type PopulationDesign,
} from "./design.js";
import { groundTruthOf, type GroundTruth, type LatentActivity } from "./groundTruth.js";
import { activityAt, depletionAt, drawSubjectLatents, reconstitutionAt, type SubjectLatents } from "./latent.js";

export interface SimulateOptions {
  seed: number;
  /** Number of subjects (default 6). */
  subjects?: number;
  /** Number of flow populations, each reported as % of parent and absolute count (default 40). */
  features?: number;
}

export interface SimulatedCohort {
  seed: number;
  manifest: StudyManifest;
  /** The tables exactly as written to the study folder (before exclusions). */
  parts: StudyParts;
  /** The study exactly as `readStudy` returns it from the written folder. */
  study: Study;
  groundTruth: GroundTruth;
}

/** Invalid simulation options (seed, subjects, features). */
export class SimulationOptionsError extends Error {
  readonly inputError = true;
  constructor(message: string) {
    super(message);
    this.name = "SimulationOptionsError";
  }
}

/** Percent of B cells below which a frequency is not quantifiable (fewer than ~50 events). */
const B_CELL_PERCENT_LLOQ = 0.1;
/** Probability that a visit after D0 is missed. */
const MISSED_VISIT_PROBABILITY = 0.06;
/** Single-cell profiling: 3 subjects at these 2 visits. */
const SINGLE_CELL_VISITS = ["D0", "D28"] as const;
const SINGLE_CELL_SUBJECTS = 3;

/** A canonical long row of one subject-visit. */
function measurement(
  base: { subject: string; visit: string; day: number },
  feature: string,
  value: number | null,
  unit: string,
  censored: "<" | null,
  limit: number | null
): Measurement {
  return { subject: base.subject, visit: base.visit, day: base.day, feature, value, unit, censored, limit };
}

/** Values are reported with 4 significant digits, like a lab export. */
function reported(x: number): number {
  const r = Number(x.toPrecision(4));
  return r === 0 ? 0 : r;
}

const logit = (p: number): number => Math.log(p / (1 - p));
const expit = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Simulates a cSLE CD3xCD19 BiTE cohort (the generative model is documented in
 * datasets/csle-bite-sim/README.md). Deterministic in `seed`: each subject and each purpose draws from its
 * own stream `deriveSeed(seed, purpose, subject)`, so adding features does not change the other values.
 */
export function simulateCohort(options: SimulateOptions): SimulatedCohort {
  const seed = options.seed;
  const nSubjects = options.subjects ?? 6;
  const nPopulations = options.features ?? 40;
  if (!Number.isSafeInteger(seed)) throw new SimulationOptionsError(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(nSubjects) || nSubjects < 1 || nSubjects > 999) {
    throw new SimulationOptionsError(`subjects must be an integer from 1 to 999, got ${nSubjects}`);
  }
  if (!Number.isInteger(nPopulations) || nPopulations < 1 || nPopulations > 1000) {
    throw new SimulationOptionsError(`features must be an integer from 1 to 1000, got ${nPopulations}`);
  }
  const populations = panelOf(nPopulations);
  const subjects: Subject[] = [];
  const samples: Sample[] = [];
  const measurements: Measurement[] = [];
  const clinical: ClinicalVisit[] = [];
  const activity: LatentActivity[] = [];
  const latents: SubjectLatents[] = [];
  const flowCounts = new Map<string, Map<string, number>>();
  const flareSubject = createRandomStream(deriveSeed(seed, "flare")).nextInt(nSubjects);

  for (let i = 0; i < nSubjects; i++) {
    const id = String(i + 1).padStart(3, "0");
    const latent = drawSubjectLatents(createRandomStream(deriveSeed(seed, "latent", i)), i === flareSubject);
    latents.push(latent);
    const baseline = createRandomStream(deriveSeed(seed, "baseline", i));
    subjects.push({
      id,
      sex: baseline.nextDouble() < 0.8 ? "F" : "M",
      ageAtFirstDose: 5 + baseline.nextInt(13),
      covariates: {
        lupus_nephritis: latent.lupusNephritis ? "yes" : "no",
        disease_duration_years: Math.round((0.5 + baseline.nextDouble() * 4) * 10) / 10,
      },
    });
    const schedule = createRandomStream(deriveSeed(seed, "schedule", i));
    const subjectEffects = createRandomStream(deriveSeed(seed, "subject-effects", i));
    const flowU = new Map(populations.map((p) => [p.key, subjectEffects.nextNormal() * p.subjectSd]));
    const labU = new Map(LABS.map((l) => [l.id, subjectEffects.nextNormal() * l.subjectSd]));
    const clinicalDraws = createRandomStream(deriveSeed(seed, "clinical", i));
    const manifestations = drawManifestations(clinicalDraws);

    for (const v of VISIT_SCHEDULE) {
      const missed = v.day !== 0 && schedule.nextDouble() < MISSED_VISIT_PROBABILITY;
      const jitter = v.jitter === 0 ? 0 : schedule.nextInt(2 * v.jitter + 1) - v.jitter;
      if (missed) continue;
      const day = v.day === -7 ? Math.min(-1, v.day + jitter) : v.day + jitter;
      const a = activityAt(latent, day);
      activity.push({ subject: id, visit: v.label, day, activity: Math.round(a * 1e4) / 1e4 });
      const noise = createRandomStream(deriveSeed(seed, "visit", i, v.label));
      samples.push({
        id: `${id}-${v.label}`,
        subject: id,
        visit: v.label,
        day,
        viability: Math.round(Math.min(99.5, 93 + noise.nextNormal() * 3) * 10) / 10,
        haemolysis: haemolysisGrade(noise.nextDouble()),
        volumeMl: Math.round((4 + noise.nextDouble() * 2) * 10) / 10,
      });
      const counts = simulateFlow(populations, flowU, latent, day, a, noise);
      flowCounts.set(`${id}\u0000${v.label}`, counts.count);
      const base = { subject: id, visit: v.label, day };
      for (const p of populations) {
        if (p.parent !== null) {
          const parentCount = counts.count.get(p.parent)!;
          const pct = counts.pct.get(p.key)!;
          const lloq = p.depleted ? B_CELL_PERCENT_LLOQ : null;
          if (parentCount < COUNT_LLOQ) {
            measurements.push(measurement(base, `${p.key}_pct`, null, "%", null, null));
          } else if (lloq !== null && pct < lloq) {
            measurements.push(measurement(base, `${p.key}_pct`, null, "%", "<", lloq));
          } else {
            measurements.push(measurement(base, `${p.key}_pct`, reported(pct), "%", null, null));
          }
        }
        const count = counts.count.get(p.key)!;
        measurements.push(
          count < COUNT_LLOQ
            ? measurement(base, `${p.key}_count`, null, "cells/uL", "<", COUNT_LLOQ)
            : measurement(base, `${p.key}_count`, reported(count), "cells/uL", null, null)
        );
      }
      const labs = new Map<string, number>();
      for (const l of LABS) {
        const y =
          l.typical *
          Math.exp(
            labU.get(l.id)! +
              l.activity * a * (l.id === "upcr" && !latent.lupusNephritis ? 0.3 : 1) +
              noise.nextNormal() * l.residualSd
          );
        labs.set(l.id, y);
        measurements.push(
          l.lloq !== null && y < l.lloq
            ? measurement(base, l.id, null, l.unit, "<", l.lloq)
            : measurement(base, l.id, reported(y), l.unit, null, null)
        );
      }
      clinical.push(
        simulateClinical(base, latent, a, manifestations, labs, counts.count.get("leukocytes")!, clinicalDraws)
      );
    }
  }
  forceExampleExclusions(samples, createRandomStream(deriveSeed(seed, "qc")));

  const singleCell = simulateSingleCell(seed, subjects, samples, flowCounts);
  const parts: StudyParts = {
    subjects,
    samples,
    features: featuresOf(populations),
    measurements,
    clinical,
    singleCell,
    skipped: [],
  };
  const manifest = simulatedManifest(seed, nSubjects, nPopulations);
  return {
    seed,
    manifest,
    parts,
    study: assembleStudy(parts, manifest, "simulated"),
    groundTruth: groundTruthOf(seed, populations, latents, subjects, activity),
  };
}

/** The root and the first `n` populations of the panel; beyond 40, extra populations with no signal. */
function panelOf(n: number): PopulationDesign[] {
  const designed = POPULATIONS.slice(0, Math.min(n, POPULATIONS.length - 1) + 1);
  for (let k = POPULATIONS.length - 1; k < n; k++) {
    designed.push({
      key: `extra_${k + 1}`,
      label: `extra population ${k + 1} (no signal)`,
      parent: "lymphocytes",
      typical: 1 + ((k * 7) % 13),
      subjectSd: 0.3,
      activity: 0,
      reconstitution: 0,
      depleted: false,
      panel: "Extra",
    });
  }
  return designed;
}

function gatePathOf(populations: readonly PopulationDesign[], key: string): string {
  const byKey = new Map(populations.map((p) => [p.key, p]));
  const path: string[] = [];
  for (let p = byKey.get(key); p !== undefined; p = p.parent === null ? undefined : byKey.get(p.parent)) {
    path.unshift(p.label);
  }
  return path.join("/");
}

function featuresOf(populations: readonly PopulationDesign[]): Feature[] {
  const out: Feature[] = [];
  for (const p of populations) {
    const gatePath = gatePathOf(populations, p.key);
    if (p.parent !== null) {
      out.push({
        id: `${p.key}_pct`,
        label: `${p.label}, % of parent`,
        kind: "frequency",
        panel: p.panel,
        gatePath,
        parent: p.parent,
        unit: "%",
        lloq: p.depleted ? B_CELL_PERCENT_LLOQ : null,
      });
    }
    out.push({
      id: `${p.key}_count`,
      label: `${p.label}, absolute count`,
      kind: "count",
      panel: p.panel,
      gatePath,
      parent: p.parent,
      unit: "cells/uL",
      lloq: COUNT_LLOQ,
    });
  }
  for (const l of LABS) {
    out.push({
      id: l.id,
      label: l.label,
      kind: l.kind,
      panel: l.kind === "urine" ? "urine" : "serology",
      gatePath: null,
      parent: null,
      unit: l.unit,
      lloq: l.lloq,
    });
  }
  return out;
}

/**
 * Flow model. Root count: log N = log(typical) + u + b A + e. A population outside a compositional group:
 * logit(p) = logit(typical/100) + u + b A + r R(t) + e; inside a group, p_k = exp(eta_k) / sum_j exp(eta_j)
 * with eta_k = log(typical_k) + u_k + b_k A + r_k R(t) + e_k. CD19+ B cells are multiplied by the
 * depletion factor D(t). Count = parent count * p.
 */
function simulateFlow(
  populations: readonly PopulationDesign[],
  u: ReadonlyMap<string, number>,
  latent: SubjectLatents,
  day: number,
  a: number,
  noise: RandomStream
): { pct: Map<string, number>; count: Map<string, number> } {
  const r = reconstitutionAt(latent, day);
  const eta = new Map<string, number>();
  for (const p of populations) {
    const e = noise.nextNormal() * FLOW_RESIDUAL_SD;
    const link =
      p.parent === null ? Math.log(p.typical) : p.group !== undefined ? Math.log(p.typical) : logit(p.typical / 100);
    eta.set(p.key, link + u.get(p.key)! + p.activity * a + p.reconstitution * r + e);
  }
  const groupTotals = new Map<string, number>();
  for (const p of populations) {
    if (p.group !== undefined) groupTotals.set(p.group, (groupTotals.get(p.group) ?? 0) + Math.exp(eta.get(p.key)!));
  }
  const pct = new Map<string, number>();
  const count = new Map<string, number>();
  for (const p of populations) {
    if (p.parent === null) {
      count.set(p.key, Math.exp(eta.get(p.key)!));
      continue;
    }
    let fraction =
      p.group !== undefined ? Math.exp(eta.get(p.key)!) / groupTotals.get(p.group)! : expit(eta.get(p.key)!);
    if (p.depleted) fraction *= depletionAt(latent, day);
    pct.set(p.key, 100 * fraction);
    count.set(p.key, count.get(p.parent)! * fraction);
  }
  return { pct, count };
}

function drawManifestations(
  stream: RandomStream
): { descriptor: (typeof CLINICAL_MANIFESTATIONS)[number]; threshold: number }[] {
  const pool = [...CLINICAL_MANIFESTATIONS];
  const k = 2 + stream.nextInt(3);
  const out: { descriptor: (typeof CLINICAL_MANIFESTATIONS)[number]; threshold: number }[] = [];
  for (let j = 0; j < k; j++) {
    const pick = pool.splice(stream.nextInt(pool.length), 1)[0];
    out.push({ descriptor: pick, threshold: 0.3 + 0.35 * stream.nextDouble() });
  }
  return out;
}

function haemolysisGrade(u: number): Sample["haemolysis"] {
  if (u < 0.88) return "none";
  if (u < 0.97) return "mild";
  return "moderate";
}

/**
 * Clinical model: a subject's own manifestations are present when A + 0.06 z exceeds their threshold;
 * low complement, increased DNA binding, proteinuria and leukopenia follow the simulated labs
 * (DESCRIPTOR_THRESHOLDS). PGA = 2.7 A + 0.15 z on 0-3 (one decimal). Prednisone tapers from the
 * subject's starting dose towards their maintenance dose with a 50-day time constant (2.5 mg steps).
 */
function simulateClinical(
  base: { subject: string; visit: string; day: number },
  latent: SubjectLatents,
  a: number,
  manifestations: { descriptor: (typeof CLINICAL_MANIFESTATIONS)[number]; threshold: number }[],
  labs: ReadonlyMap<string, number>,
  leukocytes: number,
  stream: RandomStream
): ClinicalVisit {
  const descriptors = noDescriptors();
  for (const m of manifestations) descriptors[m.descriptor] = a + 0.06 * stream.nextNormal() > m.threshold;
  const t = DESCRIPTOR_THRESHOLDS;
  descriptors.lowComplement = labs.get("c3")! < t.c3Lower || labs.get("c4")! < t.c4Lower;
  descriptors.increasedDnaBinding = labs.get("anti_dsdna")! > t.antiDsDnaUpper;
  descriptors.proteinuria = labs.get("upcr")! > t.upcrProteinuria;
  descriptors.leukopenia = leukocytes < t.leukocytesLower;
  const pga = Math.round(Math.min(3, Math.max(0, 2.7 * a + 0.15 * stream.nextNormal())) * 10) / 10;
  const taper =
    base.day <= 0
      ? latent.prednisoneStart
      : Math.max(latent.prednisoneMaintenance, latent.prednisoneStart * Math.exp(-base.day / 50));
  const flareDose = latent.flare && base.day > 300 ? 10 : 0;
  const prednisone = Math.round(Math.max(taper, flareDose) / 2.5) * 2.5;
  return scoredClinicalVisit({
    ...base,
    descriptors,
    pga,
    prednisoneMgPerDay: prednisone,
    immunosuppressantsStable: true,
  });
}

/**
 * So that the bundled cohort shows the exclusion rules at work, one sample gets inadequate viability
 * (50-65%) and another severe haemolysis, chosen at random.
 */
function forceExampleExclusions(samples: Sample[], stream: RandomStream): void {
  if (samples.length < 2) return;
  const low = stream.nextInt(samples.length);
  samples[low].viability = Math.round((50 + 15 * stream.nextDouble()) * 10) / 10;
  let haemolysed = stream.nextInt(samples.length - 1);
  if (haemolysed >= low) haemolysed += 1;
  samples[haemolysed].haemolysis = "severe";
}

/** Single-cell cell types and the flow populations whose counts they sum (disjoint). */
const SINGLE_CELL_TYPES: readonly { cellType: string; populations: string[] }[] = [
  { cellType: "B naive", populations: ["b_naive"] },
  { cellType: "B memory", populations: ["b_unswitched_memory", "b_switched_memory", "b_double_negative"] },
  { cellType: "Plasmablast", populations: ["plasmablasts"] },
  { cellType: "CD4 T naive", populations: ["cd4_naive"] },
  { cellType: "CD4 T memory", populations: ["cd4_central_memory", "cd4_effector_memory", "cd4_temra"] },
  { cellType: "CD8 T naive", populations: ["cd8_naive"] },
  { cellType: "CD8 T memory", populations: ["cd8_central_memory", "cd8_effector_memory", "cd8_temra"] },
  { cellType: "NK", populations: ["nk_cells"] },
  { cellType: "Classical monocyte", populations: ["mono_classical"] },
  { cellType: "Non-classical monocyte", populations: ["mono_intermediate", "mono_nonclassical"] },
  { cellType: "pDC", populations: ["pdc"] },
  { cellType: "cDC", populations: ["mdc"] },
];

/**
 * Single-cell counts for 3 subjects (drawn among those seen at both D0 and D28) at D0 and D28: the
 * cell-type proportions are the sample's flow counts with log-normal jitter (SD 0.2), and about 5,000
 * cells are assigned to types by independent categorical draws (a multinomial sample).
 */
function simulateSingleCell(
  seed: number,
  subjects: readonly Subject[],
  samples: readonly Sample[],
  flowCounts: ReadonlyMap<string, Map<string, number>>
): SingleCellCount[] {
  const dayOf = new Map(samples.map((s) => [`${s.subject}\u0000${s.visit}`, s.day]));
  const stream = createRandomStream(deriveSeed(seed, "singlecell"));
  const eligible = subjects
    .filter((s) => SINGLE_CELL_VISITS.every((v) => dayOf.has(`${s.id}\u0000${v}`)))
    .map((s) => s.id);
  const chosen: string[] = [];
  while (chosen.length < SINGLE_CELL_SUBJECTS && eligible.length > 0)
    chosen.push(eligible.splice(stream.nextInt(eligible.length), 1)[0]);
  chosen.sort();
  const out: SingleCellCount[] = [];
  for (const subject of chosen) {
    for (const visit of SINGLE_CELL_VISITS) {
      const counts = flowCounts.get(`${subject}\u0000${visit}`)!;
      const types = SINGLE_CELL_TYPES.filter((t) => t.populations.every((p) => counts.has(p)));
      const weights = types.map(
        (t) => t.populations.reduce((s, p) => s + counts.get(p)!, 0) * Math.exp(0.2 * stream.nextNormal())
      );
      const total = weights.reduce((s, w) => s + w, 0);
      const cells = 4000 + stream.nextInt(2001);
      const tally = new Array<number>(types.length).fill(0);
      for (let c = 0; c < cells; c++) {
        let u = stream.nextDouble() * total;
        let k = 0;
        while (k < types.length - 1 && u >= weights[k]) u -= weights[k++];
        tally[k] += 1;
      }
      const day = dayOf.get(`${subject}\u0000${visit}`)!;
      types.forEach((t, k) => out.push({ subject, visit, day, cellType: t.cellType, count: tally[k] }));
    }
  }
  return out;
}

function simulatedManifest(seed: number, subjects: number, features: number): StudyManifest {
  return StudyManifestSchema.parse({
    name: "csle-bite-sim",
    simulated: true,
    description:
      "SIMULATED cohort of children with childhood-onset SLE treated with a CD3xCD19 bispecific T-cell engager. Not real patients.",
    files: {
      measurements: "measurements.csv",
      subjects: "subjects.csv",
      samples: "samples.csv",
      features: "features.csv",
      clinical: "clinical.csv",
      singlecell: "singlecell.csv",
    },
    format: { delimiter: ",", decimal: "." },
    visits: VISIT_SCHEDULE.map((v) => ({ label: v.label, day: v.day, window: v.window })),
    exclusion: { minViability: 70, excludeHaemolysis: ["severe"] },
    clinical: { scoringWindowDays: 30 },
    generator: { command: "biomarker simulate", seed, subjects, features, simulated: "SIMULATED" },
  });
}
