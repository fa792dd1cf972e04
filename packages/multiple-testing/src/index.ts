export { MultipleTestingInputError } from "./errors.js";
export { pAdjust, pAdjustMethods } from "./padjust/pAdjust.js";
export type { PAdjustMethod } from "./padjust/pAdjust.js";
export { estimatePi0, defaultLambdaGrid } from "./qvalue/pi0.js";
export type { Pi0Estimate, Pi0Method, Pi0Options } from "./qvalue/pi0.js";
export { qvalue } from "./qvalue/qvalue.js";
export type { QvalueOptions, QvalueResult } from "./qvalue/qvalue.js";
export { predictSmoothingSpline, smoothingSpline } from "./spline/smoothingSpline.js";
export type { SmoothingSplineFit } from "./spline/smoothingSpline.js";
