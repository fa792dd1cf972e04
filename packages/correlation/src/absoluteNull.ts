/**
 * An exact null distribution kept as its two-sided tails: P(|S*| >= d) for each attainable |S| = d.
 * Used by the exact Spearman (U = n T - Sa Sb) and Kendall (S = C - D) nulls; the two-sided p-value of
 * an observed s is the tail at the smallest attainable deviation >= |s|.
 */
export interface AbsoluteNull {
  /** Distinct |S| values, decreasing (integers stored as doubles). */
  deviations: Float64Array;
  /** tailProbabilities[k] = P(|S*| >= deviations[k]); increasing, the last one is 1. */
  tailProbabilities: Float64Array;
}

/**
 * The tails of a distribution given as counts by index (`counts[i]` arrangements give |S| = deviationOf(i)):
 * counts are pooled by |S|, accumulated from the largest deviation down and divided by their total
 * (exact integer sums in doubles, so the last tail is set to exactly 1).
 */
export function absoluteTails(counts: Float64Array, deviationOf: (index: number) => number): AbsoluteNull & { total: number } {
  const byDeviation = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 0) continue;
    const d = deviationOf(i);
    byDeviation.set(d, (byDeviation.get(d) ?? 0) + counts[i]);
    total += counts[i];
  }
  const deviations = Float64Array.from([...byDeviation.keys()].sort((p, q) => q - p));
  const tailProbabilities = new Float64Array(deviations.length);
  let cumulative = 0;
  deviations.forEach((d, k) => {
    cumulative += byDeviation.get(d)!;
    tailProbabilities[k] = cumulative / total;
  });
  tailProbabilities[deviations.length - 1] = 1;
  return { deviations, tailProbabilities, total };
}

/** P(S* >= s) for a null symmetric about 0 (Spearman's and Kendall's without ties), from its absolute
 *  tails: P(|S*| >= s) / 2 for s > 0, else 1 - P(|S*| > |s|) / 2. */
export function symmetricUpperTail(nullDistribution: AbsoluteNull, s: number): number {
  if (s > 0) return absoluteTailPValue(nullDistribution, s) / 2;
  const { deviations, tailProbabilities } = nullDistribution;
  let above = 0;
  for (let k = 0; k < deviations.length && deviations[k] > -s; k++) above = tailProbabilities[k];
  return 1 - above / 2;
}

/** Two-sided p = P(|S*| >= |s|): the tail at the last (smallest) deviation not below |s|; 0 beyond the largest. */
export function absoluteTailPValue(nullDistribution: AbsoluteNull, s: number): number {
  const { deviations, tailProbabilities } = nullDistribution;
  const target = Math.abs(s);
  let lo = 0;
  let hi = deviations.length - 1;
  if (deviations[0] < target) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (deviations[mid] >= target) lo = mid;
    else hi = mid - 1;
  }
  return tailProbabilities[lo];
}
