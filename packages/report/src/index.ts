export { planSchema, type AnalysisPlan, type AnalysisPlanInput } from "./plan/schema.js";
export { parsePlan, readPlan, validatePlan } from "./plan/parse.js";
export { defaultPlan, defaultPlanInput, defaultPlanYaml } from "./plan/defaultPlan.js";
export { starterPlanInput, starterPlanYaml } from "./plan/starterPlan.js";
export type {
  ReportStudy,
  StudyClinicalStatus,
  StudyFeature,
  StudyInputFile,
  StudyMeasurement,
  StudySample,
  StudySingleCellCount,
  StudySubject,
} from "./study/model.js";
export { loadReportStudy } from "./study/load.js";
export { fromSchemaStudy } from "./study/fromSchema.js";
export { runAnalysis, type RunOptions } from "./analysis/run.js";
export type * from "./results.js";
export { kaplanMeier, type KaplanMeierCurve, type KaplanMeierStep } from "./survival/kaplanMeier.js";
export { serializeResults } from "./serialize.js";
export { renderHtml } from "./render/html.js";
export { renderMarkdown } from "./render/markdown.js";
export { reportTables, type Table, type Cell } from "./render/tables.js";
export { tableToCsv } from "./render/csv.js";
export { reportFigures, type ReportFigure } from "./render/figureList.js";
export { escapeHtml, escapeMarkdown } from "./render/escape.js";
export { writeReport, type WrittenReport } from "./output/writeReport.js";
export { prepareOutputDir, reportMarkerFile } from "./output/outputDir.js";
export { compareResults, formatDifferences, type CompareTolerance, type Difference } from "./golden/compare.js";
export { computeReport, createReport, checkReport, type ReportInputOptions, type GoldenCheck } from "./createReport.js";
export { createProgressBar } from "./progress.js";
export { GoldenMismatchError, PlanError, ReportOutputError, StudyInputError } from "./errors.js";
