/**
 * Mid-ranks of the expanded data set in which observation k appears w_k times: a tie group (equal values,
 * including copies of one observation) of total weight g starting after s smaller values gets rank
 * s + (g + 1) / 2, as R's rank(ties.method = "average") of the expanded vector. `order` sorts x
 * increasingly and is computed once; each resample is then O(N).
 */
export function weightedMidRanks(x: ArrayLike<number>, order: Int32Array, w: ArrayLike<number>, ranks: Float64Array): Float64Array {
  const N = order.length;
  let before = 0;
  let start = 0;
  while (start < N) {
    let end = start;
    let group = 0;
    const value = x[order[start]];
    while (end < N && x[order[end]] === value) {
      group += w[order[end]];
      end++;
    }
    const rank = before + (group + 1) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    before += group;
    start = end;
  }
  return ranks;
}

/** Indices that sort x increasingly (ties by index). */
export function sortOrder(x: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: x.length }, (_, k) => k);
  order.sort((a, b) => x[a] - x[b] || a - b);
  return order;
}
