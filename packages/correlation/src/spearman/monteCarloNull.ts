import { createRandomStream } from "@biomarker/numerics";

/**
 * A seeded Monte Carlo sample of the permutation null of U = n T - (sum a)(sum b), T = sum a_i b_pi(i).
 * The draws permute the sorted scores, so the sample depends only on the tie pattern, the seed and B:
 * every feature with the same pattern is compared with the same B draws (and gets the same p as a
 * single-pair call with that seed). Under H0 the observed pairing is one more uniform draw from the
 * same distribution, which makes (b + 1) / (B + 1) a valid p-value (Phipson & Smyth 2010).
 */
export interface MonteCarloNull {
  /** |U*| of the B draws, ascending. */
  sortedDeviations: Float64Array;
}

export function monteCarloNull(a: ArrayLike<number>, b: ArrayLike<number>, permutations: number, seed: number): MonteCarloNull {
  const n = a.length;
  const alpha = Float64Array.from(a).sort();
  const beta = Float64Array.from(b).sort();
  let sumA = 0;
  let sumB = 0;
  for (let i = 0; i < n; i++) {
    sumA += alpha[i];
    sumB += beta[i];
  }
  const centre = sumA * sumB;
  const stream = createRandomStream(seed);
  const deviations = new Float64Array(permutations);
  for (let draw = 0; draw < permutations; draw++) {
    // Fisher-Yates shuffle of the current arrangement: uniform whatever the starting order.
    for (let i = n - 1; i > 0; i--) {
      const j = stream.nextInt(i + 1);
      const t = beta[i];
      beta[i] = beta[j];
      beta[j] = t;
    }
    let t = 0;
    for (let i = 0; i < n; i++) t += alpha[i] * beta[i];
    deviations[draw] = Math.abs(n * t - centre);
  }
  return { sortedDeviations: deviations.sort() };
}

/** (#{|U*| >= |u|} + 1) / (B + 1). */
export function monteCarloPValue(nullSample: MonteCarloNull, u: number): number {
  const d = nullSample.sortedDeviations;
  const target = Math.abs(u);
  let lo = 0;
  let hi = d.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (d[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return (d.length - lo + 1) / (d.length + 1);
}
