import { normalSf } from "./normal.js";
import { studentTSf } from "./studentT.js";

/** Two-sided p-value of a t statistic: 2 P(T > |t|), from the survival function (never 1 - cdf). */
export function twoSidedTPValue(t: number, df: number): number {
  return Math.min(1, 2 * studentTSf(Math.abs(t), df));
}

/** Two-sided p-value of a z statistic: 2 P(Z > |z|). */
export function twoSidedNormalPValue(z: number): number {
  return Math.min(1, 2 * normalSf(Math.abs(z)));
}
