/**
 * Weights of the finite-difference formulas for the first and second derivative at 0 from values at the
 * given offsets (any distinct points): f'(0) ~ sum_k w1_k f(z_k), f''(0) ~ sum_k w2_k f(z_k).
 * Fornberg's recursion (B. Fornberg, "Generation of finite difference formulas on arbitrarily spaced
 * grids", Math. Comp. 51 (1988) 699-706), which differentiates the Lagrange interpolating polynomial.
 * Writes into first and second (length = offsets.length); no allocation.
 */
export function finiteDifferenceWeights(
  offsets: ArrayLike<number>,
  count: number,
  weights0: Float64Array,
  first: Float64Array,
  second: Float64Array,
): void {
  weights0.fill(0, 0, count);
  first.fill(0, 0, count);
  second.fill(0, 0, count);
  weights0[0] = 1;
  let c1 = 1;
  let c4 = offsets[0];
  for (let i = 1; i < count; i++) {
    const mn = Math.min(i, 2);
    let c2 = 1;
    const c5 = c4;
    c4 = offsets[i];
    for (let j = 0; j < i; j++) {
      const c3 = offsets[i] - offsets[j];
      c2 *= c3;
      if (j === i - 1) {
        if (mn >= 2) second[i] = (c1 * (2 * first[i - 1] - c5 * second[i - 1])) / c2;
        first[i] = (c1 * (weights0[i - 1] - c5 * first[i - 1])) / c2;
        weights0[i] = (-c1 * c5 * weights0[i - 1]) / c2;
      }
      if (mn >= 2) second[j] = (c4 * second[j] - 2 * first[j]) / c3;
      first[j] = (c4 * first[j] - weights0[j]) / c3;
      weights0[j] = (c4 * weights0[j]) / c3;
    }
    c1 = c2;
  }
}
