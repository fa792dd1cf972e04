export { FormulaSyntaxError, LmmInputError } from "./errors.js";
export type { CriterionParts, LmmModel, RandomTermStructure } from "./fit/model.js";
export type { DataColumns, LevelOrders } from "./design/frame.js";
export { parseFormula, type FormulaNode, type ParsedFormula } from "./formula/parse.js";
export { modelTerms, type ModelTerms, type RandomTermSpec, type TermList, type Variable } from "./formula/terms.js";
export { buildDesign, type DesignOptions, type ModelDesign } from "./design/design.js";
export { fitLmm, type DenominatorDfMethod, type LmmOptions } from "./fitLmm.js";
export { predictLmm, type PredictOptions } from "./fit/predict.js";
export { conditionalModesOf } from "./fit/conditionalModesOf.js";
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
  type SingularDfRule,
} from "./inference/lmmInference.js";
export {
  contrastTester,
  fixedEffectTests,
  kenwardRoger,
  satterthwaite,
  type DdfChoice,
  type FixedEffectTest,
} from "./inference/contrastTests.js";
export {
  satterthwaiteFTest,
  satterthwaiteSetup,
  satterthwaiteTest,
  type ContrastTest,
  type FTest,
} from "./inference/satterthwaite.js";
export {
  KenwardRogerNeedsRemlError,
  kenwardRogerFTest,
  kenwardRogerSetup,
  kenwardRogerTest,
} from "./inference/kenwardRoger.js";
export {
  MarginalTermError,
  anovaTypeIII,
  fixedTermsOf,
  termStructureOf,
  type AnovaRow,
  type FixedTerm,
} from "./inference/anova.js";
export {
  ReferenceFactorError,
  ReferenceGridError,
  adjustPValues,
  estimatedMarginalMeans,
  marginalMeansOf,
  type Adjustment,
  type MarginalMeansResult,
} from "./inference/marginalMeans.js";
export {
  LikelihoodRatioError,
  informationCriteria,
  likelihoodRatioTable,
  likelihoodRatioTest,
} from "./inference/likelihoodRatio.js";
export { profileConfint, type ProfileInterval } from "./inference/profile.js";
export { modelComparison, restrictionRows } from "./inference/modelComparison.js";
export { parametricBootstrap, type BootstrapResult } from "./inference/parametricBootstrap.js";
export { parametricBootstrapParallel } from "./inference/parametricBootstrapParallel.js";
export { fitLmmWithFallback, type FallbackResult } from "./inference/singularFallback.js";
export {
  censoredLmmSummary,
  fitCensoredLmm,
  type CensoredBound,
  type CensoredDdf,
  type CensoredFixedEffect,
  type CensoredLmmFit,
  type CensoredLmmOptions,
  type CensoredLmmSummary,
} from "./censored/fitCensoredLmm.js";
export { censoredContrastBound, type CensoredContrast } from "./censored/contrastBound.js";
export type { ContrastProfile } from "./censored/profile.js";
export { censoredLikelihoodRatioTest, type CensoredLikelihoodRatio } from "./censored/likelihoodRatio.js";
export { censoredLogLikelihood, type CensoredParameters } from "./censored/logLikelihoodAt.js";
export { substituteCensored, type CensoredSubstitution } from "./censored/substitute.js";
export { formatCensoredLmmSummary } from "./censored/format.js";
