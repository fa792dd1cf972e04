/**
 * Exact enumeration of the bootstrap distribution (Efron & Tibshirani 1993, sec. 6.4 "the ideal
 * bootstrap"). A resample of n units drawn with replacement is, for any statistic that does not depend
 * on the order of the units, determined by the count vector c (c_i >= 0, sum c_i = n). There are
 * C(2n - 1, n) such vectors (weak compositions of n into n parts; n = 6: 462) and the count vector c
 * has multinomial probability P(c) = n! / (prod_i c_i!) / n^n.
 */

/** C(2n - 1, n): the number of distinct bootstrap resamples of n units. */
export function distinctResampleCount(n: number): number {
  if (n <= 0) return 0;
  // C(2n - 1, n) = prod_{k=1}^{n} (n - 1 + k) / k, exact in doubles while the result stays below 2^53.
  let value = 1;
  for (let k = 1; k <= n; k++) value = (value * (n - 1 + k)) / k;
  return Math.round(value);
}

export interface ExactResamples {
  /** Count vectors, resample r in counts[r * n .. r * n + n - 1]. */
  counts: Int32Array;
  /** Multinomial probability of each count vector; sums to 1. */
  weights: Float64Array;
  resamples: number;
}

/**
 * Every count vector of n units in lexicographic order (decreasing c_1 first), with its probability
 * n! / (prod c_i!) / n^n. The multinomial coefficient is built as prod_i C(remaining_i, c_i), an exact
 * integer in doubles for every n whose enumeration fits in memory; n^n is exact up to n = 13, so each
 * weight carries at most one or two rounding errors.
 */
export function enumerateResamples(n: number): ExactResamples {
  const total = distinctResampleCount(n);
  const counts = new Int32Array(total * n);
  const weights = new Float64Array(total);
  const current = new Int32Array(n);
  const nToN = n ** n;
  let r = 0;
  const visit = (position: number, remaining: number, coefficient: number): void => {
    if (position === n - 1) {
      current[position] = remaining;
      counts.set(current, r * n);
      // The last part takes all that remains: C(remaining, remaining) = 1.
      weights[r] = coefficient / nToN;
      r++;
      return;
    }
    let binomial = 1; // C(remaining, c), updated as c decreases from `remaining`
    for (let c = remaining; c >= 0; c--) {
      current[position] = c;
      visit(position + 1, remaining - c, coefficient * binomial);
      // C(remaining, c - 1) = C(remaining, c) * c / (remaining - c + 1)
      binomial = (binomial * c) / (remaining - c + 1);
    }
  };
  if (n > 0) visit(0, n, 1);
  return { counts, weights, resamples: total };
}
