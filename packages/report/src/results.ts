import type { AnalysisPlan } from "./plan/schema.js";
import type { KaplanMeierCurve } from "./survival/kaplanMeier.js";

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
  /** null when the plan asks for no threshold analysis. */
  reconstitution: ReconstitutionSection | null;
  associations: AssociationsSection;
  biomarkers: BiomarkersSection;
  singleCell: SingleCellSection;
  /** The plan's multiplicity families, each with its procedure, size and what it can show. */
  multiplicity: MultiplicitySection;
  methods: MethodsSection;
}

export interface FamilySummary {
  name: string;
  question: string;
  tests: string[];
  procedure: string;
  /** Tests with a p-value. */
  m: number;
  discrete: boolean;
  /** Smallest p-value any test of the family can attain (0 for continuous tests). */
  smallestAttainable: number | null;
  /** Smallest adjusted p-value the family can give, whatever the data. */
  smallestAttainableAdjusted: number | null;
  canReject: boolean;
  numberRejected: number;
  statement: string;
}

export interface MultiplicitySection {
  level: number;
  families: FamilySummary[];
  /** Kinds of test made by the report that are in no family (their adjusted p-values are null). */
  unadjusted: string[];
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
    /**
     * With a subject-covariate factor in the formula (e.g. arm): the change from baseline within each of its
     * levels (emmeans `~ visit | arm`), descriptive (in no multiplicity family). Absent otherwise.
     */
    byGroup?: { factor: string; level: string; contrasts: Omit<VisitContrast, "pAdjusted">[] }[];
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
    lastDay: number;
    naive: number | null;
    memory: number | null;
    naiveShare: number | null;
  }[];
  kaplanMeier: KaplanMeierCurve | null;
}

export interface AssociationRow {
  feature: string;
  outcome: string;
  method: string;
  n: number;
  /** within: the slope of x_within; rmcorr: r; spearman-change: rho. */
  estimate: number | null;
  /** within only: the standard error of the slope. */
  stdError: number | null;
  lower: number | null;
  upper: number | null;
  df: number | null;
  pValue: number | null;
  pValueMethod: string | null;
  /** Adjusted within the test's multiplicity family (results.multiplicity); the same value wherever the test is shown. */
  pAdjusted: number | null;
  /** The multiplicity family of the test; null when it is in none (negative controls). */
  family: string | null;
  note: string | null;
}

export interface NegativeControl {
  x: string;
  y: string;
  reason: string | null;
  /** One row per association method; never adjusted (a control is not a discovery). */
  rows: AssociationRow[];
}

export interface AssociationsSection {
  pending: string[];
  landmark: string;
  /** How the p-values of each method's family were adjusted (the families' statements). */
  adjustment: string[];
  rows: AssociationRow[];
  negativeControls: NegativeControl[];
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
  /** The adjusted p-value of the same rmcorr test in section 5 (its multiplicity family), not a separate adjustment. */
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
  compositions: { subject: string; visit: string; day: number; cellType: string; count: number; proportion: number }[];
  clrChanges: { subject: string; from: string; to: string; cellType: string; clrFrom: number; clrTo: number; change: number }[];
}

export interface MethodsSection {
  plan: AnalysisPlan;
  software: { toolkitVersion: string; packages: string[] };
  provenance: { inputFiles: { path: string; sha256: string; bytes: number }[]; planSha256: string; seed: number };
}
