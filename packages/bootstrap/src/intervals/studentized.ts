import type { BootstrapQuantile } from "./quantiles.js";

/**
 * Studentized (bootstrap-t) interval, Efron & Tibshirani (1993, sec. 12.5); Davison & Hinkley (1997,
 * eq. 5.7); R boot.ci type "stud". On the interval scale u = g(t), with the per-resample standard error
 * se*_r of u*_r and se_0 that of the estimate:
 *   z*_r = (u*_r - u_0) / se*_r,   [u_0 - se_0 q(1 - alpha/2), u_0 - se_0 q(alpha/2)],
 * q the quantiles of the z*_r (weighted when exact, boot's norm.inter under Monte Carlo). Resamples where
 * z* is undefined (a zero or undefined SE) are left out and the weights renormalised, as boot drops them.
 */
export interface StudentizedPivots {
  /** Defined z*, increasing, with renormalised weights. */
  sorted: Float64Array;
  weights: Float64Array;
  /** Probability (or share of replicates) left out because z* is undefined. */
  undefinedProbability: number;
}

export function studentizedPivots(u: ArrayLike<number>, se: ArrayLike<number>, weights: ArrayLike<number>, u0: number, exact: boolean): StudentizedPivots {
  const z: number[] = [];
  const w: number[] = [];
  let total = 0;
  let left = 0;
  for (let r = 0; r < u.length; r++) {
    const value = (u[r] - u0) / se[r];
    if (Number.isFinite(value) && se[r] > 0) {
      z.push(value);
      w.push(weights[r]);
      total += weights[r];
    } else left += weights[r];
  }
  const order = z.map((_, k) => k).sort((a, b) => z[a] - z[b] || a - b);
  const sorted = Float64Array.from(order, (k) => z[k]);
  const renormalised = Float64Array.from(order, (k) => (exact ? w[k] / total : 1 / z.length));
  return { sorted, weights: renormalised, undefinedProbability: left / (total + left) };
}

/** [u_0 - se_0 q_hi, u_0 - se_0 q_lo] on the interval scale. */
export function studentizedEndpoints(u0: number, se0: number, qLow: BootstrapQuantile, qHigh: BootstrapQuantile): [number, number] {
  return [u0 - se0 * qHigh.value, u0 - se0 * qLow.value];
}
