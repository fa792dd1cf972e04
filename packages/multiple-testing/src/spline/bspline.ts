/**
 * Cubic B-splines (order 4) on a knot vector t_0 <= t_1 <= ... with the Cox-de Boor recursion
 * (de Boor 1978, A Practical Guide to Splines, ch. IX):
 *   B_{j,1}(x) = 1 on [t_j, t_{j+1}),
 *   B_{j,r+1}(x) = (x - t_j) / (t_{j+r} - t_j) B_{j,r}(x) + (t_{j+r+1} - x) / (t_{j+r+1} - t_{j+1}) B_{j+1,r}(x),
 * and the derivative formula (ch. X)
 *   D B_{j,r} = (r - 1) [ B_{j,r-1} / (t_{j+r-1} - t_j) - B_{j+1,r-1} / (t_{j+r} - t_{j+1}) ]   (0/0 := 0).
 * On the interval [t_left, t_{left+1}) only B_{left-3,4}, ..., B_{left,4} are non-zero.
 */
export const splineOrder = 4;

/**
 * Values of the `derivative`-th derivative of the order-`order` B-splines B_{left-order+1}, ..., B_{left}
 * at x, using the polynomial pieces of interval [t_left, t_{left+1}] (so x may be that interval's right
 * end: the left limit is returned).
 */
export function bsplineDerivatives(knots: ArrayLike<number>, left: number, x: number, order: number, derivative: number): Float64Array {
  if (derivative === 0) return bsplineValues(knots, left, x, order);
  const lower = bsplineDerivatives(knots, left, x, order - 1, derivative - 1); // j = left-order+2 .. left
  const out = new Float64Array(order);
  for (let a = 0; a < order; a++) {
    const j = left - order + 1 + a;
    let value = 0;
    if (a >= 1) {
      const h = knots[j + order - 1] - knots[j];
      if (h > 0) value += lower[a - 1] / h;
    }
    if (a <= order - 2) {
      const h = knots[j + order] - knots[j + 1];
      if (h > 0) value -= lower[a] / h;
    }
    out[a] = (order - 1) * value;
  }
  return out;
}

function bsplineValues(knots: ArrayLike<number>, left: number, x: number, order: number): Float64Array {
  // values[a] holds B_{left-r+1+a, r}(x) for the current order r.
  let values = new Float64Array([1]);
  for (let r = 1; r < order; r++) {
    const next = new Float64Array(r + 1);
    for (let a = 0; a <= r; a++) {
      const j = left - r + a; // index of B_{j, r+1}
      let value = 0;
      if (a >= 1) {
        const h = knots[j + r] - knots[j];
        if (h > 0) value += ((x - knots[j]) / h) * values[a - 1];
      }
      if (a <= r - 1) {
        const h = knots[j + r + 1] - knots[j + 1];
        if (h > 0) value += ((knots[j + r + 1] - x) / h) * values[a];
      }
      next[a] = value;
    }
    values = next;
  }
  return values;
}

/**
 * The interval index `left` with t_left <= x < t_{left+1} among the coefficient-carrying intervals
 * (order-1 <= left <= nCoefficients-1); x at the right end of the range uses the last interval.
 */
export function findKnotInterval(knots: ArrayLike<number>, nCoefficients: number, x: number): number {
  let lo = splineOrder - 1;
  let hi = nCoefficients - 1;
  if (x >= knots[hi]) return hi;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (knots[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** s(x) = sum_j coef_j B_j(x) for x inside the knot range. */
export function evaluateSpline(knots: ArrayLike<number>, coefficients: ArrayLike<number>, x: number): number {
  const left = findKnotInterval(knots, coefficients.length, x);
  const basis = bsplineDerivatives(knots, left, x, splineOrder, 0);
  let sum = 0;
  for (let a = 0; a < splineOrder; a++) sum += coefficients[left - splineOrder + 1 + a] * basis[a];
  return sum;
}
