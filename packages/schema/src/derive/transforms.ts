/** Transforms for positive values and proportions; each returns null where it is undefined. */

/** Natural log of x + offset; null when x + offset <= 0. */
export function logTransform(x: number, offset = 0): number | null {
  const y = x + offset;
  return y > 0 ? Math.log(y) : null;
}

/**
 * logit(p) = log(p / (1 - p)) of a percentage (p = percent / 100). At 0 % or 100 % it is undefined
 * (null) unless `epsilon` clamps p into [epsilon, 1 - epsilon].
 */
export function logitPercent(percent: number, epsilon?: number): number | null {
  let p = percent / 100;
  if (epsilon !== undefined) p = Math.min(1 - epsilon, Math.max(epsilon, p));
  if (!(p > 0 && p < 1)) return null;
  return Math.log(p / (1 - p));
}

/** Arcsine square-root transform asin(sqrt(p)) of a percentage; defined on 0-100 %. */
export function arcsineSqrtPercent(percent: number): number | null {
  const p = percent / 100;
  if (!(p >= 0 && p <= 1)) return null;
  return Math.asin(Math.sqrt(p));
}

/**
 * Centred log-ratio of a composition (Aitchison 1986): clr_i = log(x_i + c) - (1/D) sum_j log(x_j + c),
 * with pseudocount c (default 0.5) so that zero counts are defined. The values sum to 0.
 */
export function centredLogRatio(counts: ArrayLike<number>, pseudocount = 0.5): Float64Array {
  const n = counts.length;
  const logs = new Float64Array(n);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    logs[i] = Math.log(counts[i] + pseudocount);
    mean += logs[i];
  }
  mean /= n;
  for (let i = 0; i < n; i++) logs[i] -= mean;
  return logs;
}
