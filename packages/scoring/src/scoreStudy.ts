import { scoreBiomarkers, type BiomarkerScores, type ScoreOptions } from "./scoreBiomarkers.js";
import type { LongMeasurement } from "./scoringData.js";

/** The parts of a study (@biomarker/schema's Study) that scoring reads. */
export interface ScorableStudy {
  measurements: readonly LongMeasurement[];
  features: readonly { id: string; kind: string }[];
  simulated?: boolean;
}

/**
 * Scores a study's candidate features against an outcome. Besides `exclude` (the caller's list of
 * outcome-defining variables, e.g. from the analysis plan or @biomarker/schema's clinical index
 * definitions), features of kind "clinical" are never candidates: they are outcomes or treatments.
 */
export function scoreStudy(study: ScorableStudy, options: ScoreOptions): BiomarkerScores & { simulated: boolean } {
  const clinical = study.features.filter((f) => f.kind === "clinical").map((f) => f.id);
  return { simulated: study.simulated ?? false, ...scoreBiomarkers(study.measurements, { ...options, exclude: [...(options.exclude ?? []), ...clinical] }) };
}
