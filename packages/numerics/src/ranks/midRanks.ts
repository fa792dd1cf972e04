/** Average ranks and the tie structure needed for tie corrections and exact conditional tests. */
export interface MidRanks {
  /** 1-based ranks; tied values share the mean of the ranks they occupy. NaN values get rank NaN. */
  ranks: Float64Array;
  /** Size of every group of tied values with size >= 2, in increasing order of the tied value. */
  tieGroupSizes: number[];
}

/**
 * Mid-ranks (R's rank(x, ties.method = "average", na.last = "keep")): sort, then give each run of equal
 * values [i, j) (0-based sorted positions) the rank (i + 1 + j) / 2. NaN values are left out of the ranking
 * and receive NaN, so the remaining ranks run 1..m over the m finite-or-infinite values.
 */
export function midRanks(values: ArrayLike<number>): MidRanks {
  const n = values.length;
  const ranks = new Float64Array(n).fill(NaN);
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (!Number.isNaN(values[i])) order.push(i);
  order.sort((a, b) => values[a] - values[b] || a - b);
  const tieGroupSizes: number[] = [];
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    if (end - start >= 2) tieGroupSizes.push(end - start);
    start = end;
  }
  return { ranks, tieGroupSizes };
}
