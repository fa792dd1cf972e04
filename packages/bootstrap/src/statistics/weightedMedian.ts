/**
 * Median of the expanded data set (observation k repeated w_k times), as R's median: with N = sum w the
 * ((N + 1) / 2)-th order statistic when N is odd, the mean of the (N / 2)-th and (N / 2 + 1)-th when N is
 * even. `order` sorts x increasingly. NaN when N = 0.
 */
export function weightedMedian(x: ArrayLike<number>, order: Int32Array, w: ArrayLike<number>): number {
  let total = 0;
  for (let k = 0; k < order.length; k++) total += w[k];
  if (total === 0) return Number.NaN;
  const lowPosition = Math.floor((total + 1) / 2); // 1-based positions in the expanded list
  const highPosition = Math.floor(total / 2) + 1;
  let cumulative = 0;
  let low = Number.NaN;
  for (let k = 0; k < order.length; k++) {
    cumulative += w[order[k]];
    if (Number.isNaN(low) && cumulative >= lowPosition) low = x[order[k]];
    if (cumulative >= highPosition) return total % 2 === 1 ? low : (low + x[order[k]]) / 2;
  }
  return low;
}
