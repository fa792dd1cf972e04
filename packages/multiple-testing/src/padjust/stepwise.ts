import { orderAscending, orderDescending } from "./missing.js";

/*
 * The closed-form adjustments of R's p.adjust, on the m present p-values with n >= m the number of tests.
 * Each keeps R's order of floating-point operations so results agree to the last bit or so.
 * p_(1) <= ... <= p_(m) are the sorted p-values.
 */

/** Bonferroni: min(1, n p). */
export function bonferroni(p: Float64Array, n: number): Float64Array {
  return p.map((v) => Math.min(1, n * v));
}

/** Holm (1979) step-down: p~_(i) = min(1, max_{j <= i} (n - j + 1) p_(j)). */
export function holm(p: Float64Array, n: number): Float64Array {
  const order = orderAscending(p);
  const out = new Float64Array(p.length);
  let running = -Infinity;
  for (let k = 0; k < order.length; k++) {
    running = Math.max(running, (n + 1 - (k + 1)) * p[order[k]]);
    out[order[k]] = Math.min(1, running);
  }
  return out;
}

/**
 * Step-up adjustments p~_(i) = min(1, min_{j >= i} c_j p_(j)) for coefficient c_j of rank j
 * (ranks counted from the smallest p-value; the running minimum starts at the largest).
 */
function stepUp(p: Float64Array, coefficient: (rank: number) => number): Float64Array {
  const order = orderDescending(p);
  const m = p.length;
  const out = new Float64Array(m);
  let running = Infinity;
  for (let k = 0; k < m; k++) {
    running = Math.min(running, coefficient(m - k) * p[order[k]]);
    out[order[k]] = Math.min(1, running);
  }
  return out;
}

/** Hochberg (1988) step-up: c_j = n - j + 1. */
export function hochberg(p: Float64Array, n: number): Float64Array {
  return stepUp(p, (j) => n + 1 - j);
}

/** Benjamini & Hochberg (1995): c_j = n / j. */
export function benjaminiHochberg(p: Float64Array, n: number): Float64Array {
  return stepUp(p, (j) => n / j);
}

/** Benjamini & Yekutieli (2001): c_j = (sum_{k=1}^n 1/k) n / j. */
export function benjaminiYekutieli(p: Float64Array, n: number): Float64Array {
  const harmonic = harmonicNumber(n);
  return stepUp(p, (j) => (harmonic * n) / j);
}

/** sum_{k=1}^n 1/k with Neumaier compensation (R sums in extended precision). */
function harmonicNumber(n: number): number {
  let sum = 0;
  let compensation = 0;
  for (let k = 1; k <= n; k++) {
    const term = 1 / k;
    const t = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
  }
  return sum + compensation;
}
