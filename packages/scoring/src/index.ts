// Errors
export { ScoringInputError } from "./errors.js";

// Data: the long table joined on (subject, visit), change from baseline to the landmark
export { normaliseId, scoringData, type LongMeasurement, type ScoringData, type ScoringDataOptions } from "./scoringData.js";

// Score components and the score (docs/scoring.md)
export { featureStability, type FeatureStability } from "./stability.js";
export { directionConsistency, type DirectionConsistency } from "./directionConsistency.js";
export { biomarkerScore, scoreComponents, type ScoreComponents, type ScoreInputs } from "./score.js";
export { changeFdr } from "./changeFdr.js";

// Scoring a study (the `biomarker score` command and the report's biomarker section)
export {
  scoreBiomarkers,
  type AssociationReport,
  type BiomarkerScores,
  type ScoredFeature,
  type ScoreOptions,
} from "./scoreBiomarkers.js";
export { scoreStudy, type ScorableStudy } from "./scoreStudy.js";
