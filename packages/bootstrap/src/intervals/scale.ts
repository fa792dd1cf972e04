import type { Interval } from "./summarize.js";

/**
 * The scale on which the normal, basic, studentized and jackknife-t intervals are built before mapping
 * back: the statistic itself, or Fisher's z = atanh(r) for a correlation (Fisher 1921), whose sampling
 * distribution is closer to normal with a variance that depends less on rho, and whose back-transform
 * tanh keeps every endpoint inside [-1, 1]. Percentile and BCa intervals are transformation-respecting
 * and are computed on the statistic's scale.
 */
export type IntervalScale = "identity" | "fisher-z";

export interface ScaleMap {
  forward: (x: number) => number;
  inverse: (z: number) => number;
  /** The parameter's range on the statistic's scale (endpoints outside it are flagged). */
  range: Interval;
}

export function scaleMap(scale: IntervalScale, range: Interval | undefined): ScaleMap {
  if (scale === "fisher-z") return { forward: Math.atanh, inverse: Math.tanh, range: range ?? [-1, 1] };
  return { forward: (x) => x, inverse: (z) => z, range: range ?? [-Infinity, Infinity] };
}
