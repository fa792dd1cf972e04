import { scoreBiomarkers, type BiomarkerScores, type ScoreOptions } from "./scoreBiomarkers.js";
import type { LongMeasurement } from "./scoringData.js";

/** The parts of a study (@biomarker/schema's Study) that scoring reads. */
export interface ScorableStudy {
  measurements: readonly LongMeasurement[];
  features: readonly { id: string; kind: string }[];
  simulated?: boolean;
}

/**
 * Scores a study's candidate features against an outcome. By default the candidates are every feature
 * except the outcome and the clinical scores (kind "clinical": SLEDAI-2K, clinical SLEDAI, PGA,
 * prednisone), which are outcomes or treatments, never biomarkers.
 */
export function scoreStudy(study: ScorableStudy, options: ScoreOptions = {}): BiomarkerScores & { simulated: boolean } {
  const clinical = study.features.filter((f) => f.kind === "clinical").map((f) => f.id);
  const measured = new Set(study.measurements.map((m) => m.feature));
  for (const id of ["sledai2k", "clinical_sledai", "pga", "prednisone"]) if (measured.has(id) && !clinical.includes(id)) clinical.push(id);
  return { simulated: study.simulated ?? false, ...scoreBiomarkers(study.measurements, { ...options, exclude: [...(options.exclude ?? []), ...clinical] }) };
}
