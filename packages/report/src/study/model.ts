/**
 * The study as the report reads it: the canonical long measurement table of @biomarker/schema plus the
 * subject, sample and feature tables, and the input files for provenance. `loadReportStudy` builds it
 * from a study folder through the schema readers; tests may build it directly.
 */
export interface StudyMeasurement {
  subject: string;
  visit: string;
  /** Days since the first dose (day 0); negative before. */
  day: number;
  feature: string;
  /** null when censored (below the limit) or missing. */
  value: number | null;
  unit: string;
  censored: boolean;
  /** The lower limit of quantification for a censored value (else the feature's LLOQ or null). */
  limit: number | null;
}

export interface StudySubject {
  id: string;
  sex: string | null;
  ageYears: number | null;
  /** Every other subjects-table column (arm, weight, ...): a number when it reads as one; usable in model formulas. */
  covariates?: Record<string, string | number | null>;
}

export interface StudyFeature {
  id: string;
  label: string;
  kind: string;
  panel: string | null;
  unit: string;
  lloq: number | null;
  /** Gate path or parent population, when known. */
  parent: string | null;
}

export interface StudySample {
  subject: string;
  visit: string;
  day: number;
  /** null when the sample passes every exclusion rule. */
  exclusionReason: string | null;
}

/** Remission and LLDAS per visit, from the schema's clinical indices (DORIS 2021, LLDAS). */
export interface StudyClinicalStatus {
  subject: string;
  visit: string;
  day: number;
  sledai2k: number | null;
  remission: boolean | null;
  lldas: boolean | null;
}

export interface StudyInputFile {
  /** Path relative to the study folder, with forward slashes. */
  path: string;
  sha256: string;
  bytes: number;
}

export interface StudySingleCellCount {
  subject: string;
  visit: string;
  day: number;
  cellType: string;
  count: number;
}

/**
 * Measurements and single-cell counts are those left after the reader applied the sample exclusion
 * rules (as @biomarker/schema's readStudy does: lab values of an excluded sample are dropped, clinical
 * assessments are kept); `samples` lists every sample with its exclusion reason.
 */
export interface ReportStudy {
  name: string;
  /** True for simulated data: every report made from it says SIMULATED. */
  simulated: boolean;
  subjects: StudySubject[];
  features: StudyFeature[];
  measurements: StudyMeasurement[];
  samples: StudySample[];
  /** The visit schedule (label, nominal day), when the study declares one. */
  visits: { visit: string; day: number }[] | null;
  singleCell: StudySingleCellCount[];
  /** null when the clinical indices are not available for this study. */
  clinicalStatus: StudyClinicalStatus[] | null;
  inputFiles: StudyInputFile[];
}
