export { GlmmInputError } from "./errors.js";
export { binomial, families, poisson, type Family, type FamilyName } from "./family/family.js";
export { glmmTerms, type GlmmResponse, type GlmmTerms } from "./formula/response.js";
export { buildGlmmDesign, type GlmmDesign, type GlmmDesignOptions } from "./design/design.js";
export { fitGlmm, fitGlmmDesign, type GlmmOptions } from "./fitGlmm.js";
export {
  glmmSummary,
  type GlmmConditionalModes,
  type GlmmCorrelation,
  type GlmmFit,
  type GlmmFixedEffect,
  type GlmmSummary,
  type GlmmVarianceComponent,
} from "./fit/result.js";
export { formatGlmmSummary } from "./summary/format.js";
