export { MultipleTestingInputError } from "./errors.js";
export { pAdjust, pAdjustMethods } from "./padjust/pAdjust.js";
export type { PAdjustMethod } from "./padjust/pAdjust.js";
