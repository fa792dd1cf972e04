// Data model
export * from "./model/study.js";
export { StudyManifestSchema, type StudyManifest, type StudyManifestInput } from "./model/manifest.js";
export { measurementFrame, featureSeries, type DataFrame } from "./model/dataFrame.js";

// Reading and validation
export { readStudy, resolveManifest, type ReadStudyOptions } from "./read/study.js";
export { readLongTable, readWideTable, readFlowJoTable, readDataTable } from "./read/tableFiles.js";
export {
  parseDataTable,
  type DataCell,
  type DataColumnType,
  type DataTable,
  type DataTableOptions,
} from "./read/dataTable.js";
export { parseLongTable, LONG_COLUMN_ALIASES, type LongReadOptions, type LongTable } from "./read/longTable.js";
export { parseWideTable, splitUnitFromHeader, type WideReadOptions, type WideTable } from "./read/wideTable.js";
export { parseFlowJoTable, type FlowJoReadOptions, type FlowJoTable } from "./read/flowJo.js";
export { detectDelimiter, type Delimiter } from "./read/delimited.js";
export {
  readInputText,
  decodeText,
  MAX_INPUT_BYTES,
  HEAP_BYTES_PER_ROW,
  heapEstimate,
  TEXT_ENCODINGS,
  type TextEncoding,
} from "./read/inputFile.js";
export { safeSamplePattern, MAX_PATTERN_LENGTH, MAX_UNBOUNDED_QUANTIFIERS, MAX_SAMPLE_NAME_LENGTH } from "./read/samplePattern.js";
export { unitFactor } from "./read/units.js";
export type { DecimalSeparator } from "./read/values.js";
export { InputDataError, ManifestError, formatIssue, DEFAULT_ISSUE_LIMIT, type InputIssue } from "./read/errors.js";
export { assembleStudy, type StudyParts } from "./validate/assembleStudy.js";
export { summarizeStudy, validateStudy, formatStudySummary, type StudySummary } from "./validate/summary.js";

// Derived values
export { baselineValues, type BaselineOptions } from "./derive/baseline.js";
export { changesFromBaseline, type ChangeFromBaseline } from "./derive/change.js";
export { logTransform, logitPercent, arcsineSqrtPercent, centredLogRatio } from "./derive/transforms.js";
export { singleCellClr, type CellTypeClr } from "./derive/singleCellClr.js";

// Clinical indices
export {
  SLEDAI2K_WEIGHTS,
  SEROLOGICAL_DESCRIPTORS,
  sledai2k,
  clinicalSledai,
  sledaiActivityBand,
  noDescriptors,
  type SledaiActivityBand,
} from "./clinical/sledai2k.js";
export { dorisRemission, dorisByVisit, DORIS_2021, type DorisSettings } from "./clinical/doris.js";
export {
  childhoodLldasSettings,
  lldasAtVisit,
  lldasByVisit,
  LLDAS_2016,
  LLDAS_MAJOR_ORGAN_DESCRIPTORS,
  type LldasSettings,
} from "./clinical/lldas.js";
export type { Criterion, StateAtVisit, DoseComparator } from "./clinical/criteria.js";
export { convertUnit, conversionFactor, convertMeasurements, UnitConversionError } from "./clinical/units.js";

// Simulation
export {
  simulateCohort,
  SimulationOptionsError,
  type SimulateOptions,
  type SimulatedCohort,
} from "./simulate/cohort.js";
export type {
  GroundTruth,
  GroundTruthFeature,
  GroundTruthSubject,
  LatentActivity,
  SignalStrength,
} from "./simulate/groundTruth.js";
export { writeStudyFolder, simulateStudyFolder, type SimulatedFolderSummary } from "./simulate/writeStudyFolder.js";
