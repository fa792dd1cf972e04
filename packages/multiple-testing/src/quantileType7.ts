/**
 * R's default sample quantile (Hyndman & Fan 1996 type 7) of ascending-sorted values, with R's arithmetic:
 * index = 1 + (n - 1) prob, lo = floor(index), h = index - lo, Q = (1 - h) x_lo + h x_hi.
 */
export function quantileType7(sorted: ArrayLike<number>, prob: number): number {
  const index = 1 + Math.max(sorted.length - 1, 0) * prob;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const low = sorted[lo - 1];
  const high = sorted[hi - 1];
  if (!(index > lo) || high === low) return low;
  const h = index - lo;
  return (1 - h) * low + h * high;
}
