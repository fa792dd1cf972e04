/**
 * Exact null distribution of Kendall's T = number of concordant pairs without ties: T has the law of the
 * number of inversions of a uniform random permutation (Mahonian numbers), the sum of independent
 * uniforms on {0, ..., i - 1}, i = 1..n (Kendall 1938). Built by convolution, in probabilities so that
 * nothing overflows; cached per n.
 */
const cache = new Map<number, Float64Array>();

/** P(T = t), t = 0..n(n-1)/2. */
export function kendallNull(n: number): Float64Array {
  const cached = cache.get(n);
  if (cached !== undefined) return cached;
  let density: Float64Array = Float64Array.of(1);
  for (let i = 2; i <= n; i++) {
    const next = new Float64Array(density.length + i - 1);
    // next[t] = (1/i) sum_{j=0}^{i-1} density[t - j]: a running window sum.
    let window = 0;
    for (let t = 0; t < next.length; t++) {
      if (t < density.length) window += density[t];
      if (t - i >= 0) window -= density[t - i];
      next[t] = window / i;
    }
    density = next;
  }
  cache.set(n, density);
  return density;
}

/** R's two-sided exact p: the tail on the side of T, doubled, capped at 1 (the null is symmetric). */
export function kendallExactPValue(n: number, t: number): number {
  const density = kendallNull(n);
  const max = density.length - 1;
  // By symmetry P(T >= t) = P(T <= max - t): always sum the short lower tail directly.
  const q = t > max / 2 ? max - t : t;
  let p = 0;
  for (let k = 0; k <= q; k++) p += density[k];
  return Math.min(2 * p, 1);
}

/** R's one-sided exact p: P(T >= t) ("greater", more concordant pairs) or P(T <= t) ("less"), summing
 *  the shorter tail by the symmetry P(T >= t) = P(T <= max - t). */
export function kendallExactOneSided(n: number, t: number, alternative: "less" | "greater"): number {
  const density = kendallNull(n);
  const max = density.length - 1;
  const upper = alternative === "greater";
  // The tail asked for as a lower tail P(T <= q).
  const q = upper ? max - t : t;
  let p = 0;
  if (q <= max / 2) {
    for (let k = 0; k <= q; k++) p += density[k];
    return Math.min(p, 1);
  }
  for (let k = q + 1; k <= max; k++) p += density[k];
  return Math.max(0, 1 - p);
}

/** Attainable two-sided exact p-values, ascending (the last is 1). */
export function kendallSupport(n: number): Float64Array {
  const density = kendallNull(n);
  const max = density.length - 1;
  const values: number[] = [];
  let p = 0;
  for (let k = 0; k <= max / 2; k++) {
    p += density[k];
    values.push(Math.min(2 * p, 1));
  }
  if (values[values.length - 1] !== 1) values.push(1);
  return Float64Array.from(new Set(values));
}
