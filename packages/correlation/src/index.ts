export { alternatives, type Alternative } from "./types.js";
export type { CorrelationMethod, CorrelationOptions, CorrelationResult, PValueMethod, PValueRequest } from "./types.js";
export { CorrelationInputError } from "./errors.js";
export { correlationTest } from "./correlationTest.js";
export { spearmanTest, clearSpearmanNullCache, AUTO_EXACT_COST, MAX_EXACT_COST, MAX_EXACT_N, DEFAULT_PERMUTATIONS, DEFAULT_SEED } from "./spearman/spearman.js";
export { spearmanEdgeworthPValue } from "./spearman/edgeworth.js";
export { permutationNull, permutationNullPValue, type PermutationNull } from "./spearman/permutationNull.js";
export { pearsonTest } from "./pearson.js";
export { kendallTest, KENDALL_AUTO_CONDITIONAL_COST, KENDALL_EXACT_MAX_N, KENDALL_MAX_CONDITIONAL_COST } from "./kendall/kendall.js";
export { repeatedMeasuresCorrelation, type RmcorrOptions } from "./rmcorr.js";
export {
  changeFromBaselineCorrelation,
  perVisitCorrelation,
  type ChangeFromBaseline,
  type ChangeFromBaselineOptions,
  type LongitudinalPairs,
} from "./longitudinal.js";
export {
  correlationMatrix,
  type CorrelationMatrixInput,
  type CorrelationMatrixOptions,
  type CorrelationRow,
} from "./matrix.js";
export { withinSubjectAssociation, type WithinOptions, type WithinResult } from "./within.js";
