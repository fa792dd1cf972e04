export { SurvivalInputError } from "./errors.js";
export { kaplanMeier, kaplanMeierMedian, type KaplanMeierCurve, type KaplanMeierStep } from "./kaplanMeier.js";
export {
  turnbull,
  type IntervalObservation,
  type TurnbullFit,
  type TurnbullInterval,
  type TurnbullOptions,
  type TurnbullStep,
} from "./turnbull.js";
export { turnbullMedianInterval, type MedianInterval, type MedianIntervalOptions } from "./turnbullMedianInterval.js";
