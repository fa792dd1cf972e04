import { normalQuantile } from "@biomarker/numerics";

/** A quantile of a bootstrap distribution, and whether it fell on the smallest or largest value. */
export interface BootstrapQuantile {
  value: number;
  /** The level could not be resolved inside the distribution: the endpoint is its min or max. */
  extreme: boolean;
}

/**
 * Quantile of R equally weighted Monte Carlo replicates by R boot's rule (norm.inter; Davison & Hinkley
 * 1997, eq. 5.8): with rk = (R + 1) alpha and k = trunc(rk), the k-th order statistic when rk is an
 * integer, else interpolation between the k-th and (k+1)-th order statistics on the normal-quantile
 * scale: t_(k) + (z_alpha - z_{k/(R+1)}) / (z_{(k+1)/(R+1)} - z_{k/(R+1)}) * (t_(k+1) - t_(k)).
 * When k = 0 or k = R the smallest or largest value is used (boot warns: "extreme order statistics used
 * as endpoints"). `sorted` holds the finite replicates in increasing order.
 */
export function orderStatisticQuantile(sorted: Float64Array, alpha: number): BootstrapQuantile {
  const R = sorted.length;
  const rk = (R + 1) * alpha;
  const k = Math.trunc(rk);
  const extreme = !(rk > 1 && rk < R);
  if (k <= 0) return { value: sorted[0], extreme };
  if (k >= R) return { value: sorted[R - 1], extreme };
  if (k === rk) return { value: sorted[k - 1], extreme };
  const zAlpha = normalQuantile(alpha);
  const zk = normalQuantile(k / (R + 1));
  const zk1 = normalQuantile((k + 1) / (R + 1));
  const tk = sorted[k - 1];
  const tk1 = sorted[k];
  return { value: tk + ((zAlpha - zk) / (zk1 - zk)) * (tk1 - tk), extreme };
}

/**
 * Quantile of the exact (weighted) bootstrap distribution: G^{-1}(alpha) = min { t : G(t) >= alpha },
 * the left-continuous inverse of the discrete distribution function G. This is the limit of boot's
 * order-statistic rule as R -> infinity (its interpolation acts only inside gaps of width O(1/R)), so
 * the exact interval is the ideal bootstrap interval with no smoothing between attained values.
 * Cumulative weights are compared with a tolerance of 1e-12 so that levels that equal a cumulative
 * probability in exact arithmetic are not moved up by rounding. `sorted` increasing, `weights` aligned
 * and summing to 1.
 */
export function weightedQuantile(sorted: Float64Array, weights: Float64Array, alpha: number): BootstrapQuantile {
  const last = sorted.length - 1;
  let cumulative = 0;
  for (let i = 0; i <= last; i++) {
    cumulative += weights[i];
    if (cumulative >= alpha - 1e-12) {
      return { value: sorted[i], extreme: sorted[i] === sorted[0] || sorted[i] === sorted[last] };
    }
  }
  return { value: sorted[last], extreme: true };
}
