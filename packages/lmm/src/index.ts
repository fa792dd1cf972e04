export { FormulaSyntaxError, LmmInputError } from "./errors.js";
export type { CriterionParts, LmmModel, RandomTermStructure } from "./fit/model.js";
export type { DataColumns, LevelOrders } from "./design/frame.js";
export { parseFormula, type FormulaNode, type ParsedFormula } from "./formula/parse.js";
export { modelTerms, type ModelTerms, type RandomTermSpec, type TermList, type Variable } from "./formula/terms.js";
export { buildDesign, type DesignOptions, type ModelDesign } from "./design/design.js";
export { fitLmm, type DenominatorDfMethod, type LmmOptions } from "./fitLmm.js";
export type {
  ConditionalModes,
  FixedEffect,
  LmmFit,
  LmmSummary,
  RandomEffectCorrelation,
  VarianceComponent,
} from "./fit/result.js";
