export { FormulaSyntaxError, LmmInputError } from "./errors.js";
export type { CriterionParts, LmmModel, RandomTermStructure } from "./fit/model.js";
