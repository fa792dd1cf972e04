import type { AnalysisPlan } from "./plan/schema.js";
import type { KaplanMeierCurve, MedianInterval, TurnbullFit } from "@biomarker/survival";

/**
 * Every number of the report, as a plain object. Renderers read only this; `serializeResults` writes it
 * with a stable key order and fixed significant digits. Each section lists in `pending` the parts that
 * could not be computed (a package that has not landed, a statistic undefined on these data) and why.
 */
export interface Results {
  format: "biomarker-report-results/1";
  title: string;
  study: { name: string; simulated: boolean };
  seed: number;
  visits: { visit: string; day: number }[];
  cohort: CohortSection;
  clinicalCourse: ClinicalCourseSection;
  immuneDynamics: ImmuneDynamicsSection;
  reconstitution: ReconstitutionSection;
  associations: AssociationsSection;
  biomarkers: BiomarkersSection;
  singleCell: SingleCellSection;
  methods: MethodsSection;
}

export interface Point {
  subject: string;
  visit: string;
  day: number;
  /** The value, or the limit (LLOQ) for a censored value. */
  value: number | null;
  censored: boolean;
}

export interface CohortSection {
  pending: string[];
  counts: { subjects: number; samples: number; excludedSamples: number; features: number; measurements: number; censored: number };
  subjects: { id: string; sex: string | null; ageYears: number | null; samples: number; missedVisits: string[] }[];
  samplesPerVisit: { visit: string; day: number; samples: number; excluded: number }[];
  exclusions: { subject: string; visit: string; day: number; reason: string }[];
  belowLloq: { feature: string; unit: string; lloq: number | null; censored: number; measured: number }[];
}

export interface ClinicalCourseSection {
  pending: string[];
  variables: { feature: string; label: string; unit: string; points: Point[] }[];
  status: { subject: string; visit: string; day: number; sledai2k: number | null; remission: boolean | null; lldas: boolean | null }[] | null;
}

export interface VisitSummary {
  visit: string;
  day: number;
  n: number;
  censored: number;
  /** Median with censored values at the bottom; null when the median itself is below the LLOQ. */
  median: number | null;
}

export interface VisitContrast {
  visit: string;
  estimate: number;
  stdError: number;
  df: number | null;
  lower: number | null;
  upper: number | null;
  pValue: number | null;
  /** Adjusted across all features and visits of the report by the plan's multiplicity method. */
  pAdjusted: number | null;
}

export interface FeatureDynamics {
  feature: string;
  group: string;
  label: string;
  unit: string;
  transform: AnalysisPlan["featureGroups"][number]["transform"];
  lloq: number | null;
  points: Point[];
  summary: VisitSummary[];
  fit: {
    formula: string;
    nObs: number;
    converged: boolean;
    singular: boolean;
    warnings: string[];
    /** Estimated mean per visit (transformed scale) with df-corrected CI. */
    means: { visit: string; day: number; estimate: number; lower: number | null; upper: number | null }[];
    contrasts: VisitContrast[];
  } | null;
  fitNote: string | null;
}

export interface ImmuneDynamicsSection {
  pending: string[];
  /** How the change-from-baseline p-values were adjusted. */
  adjustment: string;
  features: FeatureDynamics[];
}

export interface ReconstitutionSection {
  pending: string[];
  feature: string;
  threshold: { kind: string; value: number | null };
  subjects: {
    subject: string;
    baseline: number | null;
    depletionDay: number | null;
    reconstitutionDay: number | null;
    /** Last sampled day before the reconstitution day with a value below the threshold: the event lies
     *  in (lastBelowDay, reconstitutionDay]. null when not depleted or not reconstituted. */
    lastBelowDay: number | null;
    lastDay: number;
    naive: number | null;
    memory: number | null;
    naiveShare: number | null;
  }[];
  /** The threshold rule in words, printed beside the results. */
  rule: string;
  /** Primary: Turnbull's NPMLE with each event in (last visit below, first visit at or above the threshold]. */
  turnbull: { fit: TurnbullFit; medianInterval: MedianInterval } | null;
  /** Sensitivity: Kaplan-Meier with the first visit at or above the threshold taken as the event day. */
  kaplanMeier: KaplanMeierCurve | null;
}

export interface AssociationRow {
  feature: string;
  outcome: string;
  method: string;
  n: number;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  df: number | null;
  pValue: number | null;
  pValueMethod: string | null;
  pAdjusted: number | null;
  note: string | null;
}

export interface AssociationsSection {
  pending: string[];
  landmark: string;
  /** How the p-values of each method's family were adjusted. */
  adjustment: string[];
  rows: AssociationRow[];
}

export interface BiomarkerRow {
  rank: number;
  feature: string;
  score: number;
  /** Repeated-measures correlation with the outcome over all visits, and its bootstrap interval. */
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  intervalMethod: "bca" | "percentile" | null;
  intervalReliable: boolean;
  pValue: number | null;
  qValue: number | null;
  /** Spearman correlation of the change from baseline to the landmark visit. */
  changeEstimate: number | null;
  changePValue: number | null;
  signKeeping: number | null;
  topK: number;
  leaveOneOutSignSurvives: boolean | null;
  leaveOneOutMaxShift: number | null;
  mostInfluentialSubject: string | null;
  subjectsAgreeing: number;
  subjectsDefined: number;
  strength: number;
  coverage: number;
  stability: number;
  robustness: number;
  consistency: number;
}

export interface BiomarkersSection {
  pending: string[];
  outcome: string;
  landmark: string;
  exact: boolean | null;
  replicates: number | null;
  rows: BiomarkerRow[];
}

export interface SingleCellSection {
  pending: string[];
  /** Pseudocount of the centred log-ratio. */
  pseudocount: number;
  compositions: { subject: string; visit: string; day: number; cellType: string; count: number; proportion: number }[];
  /** Cell types with count 0 in every sample of a visit (a depleted lineage); excluded from the CLR. */
  structuralZeros: { cellType: string; visit: string; samples: number }[];
  /** CLR of the renormalised composition (structurally zero types left out), first to last sample. */
  clrChanges: { subject: string; from: string; to: string; cellType: string; clrFrom: number; clrTo: number; change: number }[];
  /** The same changes at other pseudocounts. */
  clrSensitivity: { subject: string; cellType: string; changes: { pseudocount: number; change: number }[] }[];
  /** Binomial GLMM per cell type: change from the first visit as a log odds ratio, Wald z, BH-adjusted p. */
  tests: { cellType: string; visit: string; reference: string; logOddsRatio: number; stdError: number; z: number; pValue: number; pAdjusted: number | null; singular: boolean }[];
  /** For comparison (propeller-like): LMM of the empirical logit proportion, Satterthwaite df, BH-adjusted. */
  logitTests: { cellType: string; visit: string; reference: string; estimate: number; stdError: number; df: number | null; pValue: number | null; pAdjusted: number | null; singular: boolean }[];
}

export interface MethodsSection {
  plan: AnalysisPlan;
  software: { toolkitVersion: string; packages: string[] };
  provenance: { inputFiles: { path: string; sha256: string; bytes: number }[]; planSha256: string; seed: number };
}
