export * from "./model/study.js";
export { StudyManifestSchema, type StudyManifest, type StudyManifestInput } from "./model/manifest.js";
export { SLEDAI2K_WEIGHTS, SEROLOGICAL_DESCRIPTORS, sledai2k, clinicalSledai, sledaiActivityBand, noDescriptors, type SledaiActivityBand } from "./clinical/sledai2k.js";
export { simulateCohort, type SimulateOptions, type SimulatedCohort } from "./simulate/cohort.js";
export type { GroundTruth, GroundTruthFeature, GroundTruthSubject, LatentActivity, SignalStrength } from "./simulate/groundTruth.js";
export { writeStudyFolder, simulateStudyFolder, type SimulatedFolderSummary } from "./simulate/writeStudyFolder.js";
export { assembleStudy, type StudyParts } from "./validate/assembleStudy.js";
