export { FormulaSyntaxError, LmmInputError } from "./errors.js";
export type { CriterionParts, LmmModel, RandomTermStructure } from "./fit/model.js";
export type { DataColumns, LevelOrders } from "./design/frame.js";
export { parseFormula, type FormulaNode, type ParsedFormula } from "./formula/parse.js";
export { modelTerms, type ModelTerms, type RandomTermSpec, type TermList, type Variable } from "./formula/terms.js";
export { buildDesign, type DesignOptions, type ModelDesign } from "./design/design.js";
export { fitLmm, type DenominatorDfMethod, type LmmOptions } from "./fitLmm.js";
export { predictLmm, type PredictOptions } from "./fit/predict.js";
export { lmmSummary } from "./fit/result.js";
export { formatFeatureFits, formatLmmInference, formatLmmSummary } from "./summary/format.js";
export type {
  ConditionalModes,
  FixedEffect,
  LmmFit,
  LmmSummary,
  RandomEffectCorrelation,
  VarianceComponent,
} from "./fit/result.js";
export {
  fitLmmByFeature,
  fitLmmByFeatureAll,
  splitByFeature,
  type ByFeatureOptions,
} from "./batch/byFeature.js";
export type { FeatureFit, FeatureTask, BatchFitOptions } from "./batch/fitFeatures.js";
export {
  denominatorDf,
  lmmInference,
  type LmmInferenceOptions,
  type LmmInferenceResult,
} from "./inference/lmmInference.js";
