/**
 * Frequency-weighted moments: observation k appears w_k times (w_k a non-negative integer from the
 * resample counts), so these equal the ordinary statistics of the expanded data set.
 */

/** sum w x / sum w; NaN when the total weight is 0. */
export function weightedMean(x: ArrayLike<number>, w: ArrayLike<number>): number {
  let sw = 0;
  let sx = 0;
  for (let k = 0; k < x.length; k++) {
    sw += w[k];
    sx += w[k] * x[k];
  }
  return sw > 0 ? sx / sw : Number.NaN;
}

/**
 * Pearson's r of the expanded data: sum w (x - xbar)(y - ybar) / sqrt(sum w (x - xbar)^2 sum w (y - ybar)^2),
 * two-pass for accuracy. NaN when either variable is constant in the resample (r undefined).
 */
export function weightedPearson(x: ArrayLike<number>, y: ArrayLike<number>, w: ArrayLike<number>): number {
  const mx = weightedMean(x, w);
  const my = weightedMean(y, w);
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let k = 0; k < x.length; k++) {
    if (w[k] === 0) continue;
    const dx = x[k] - mx;
    const dy = y[k] - my;
    sxx += w[k] * dx * dx;
    syy += w[k] * dy * dy;
    sxy += w[k] * dx * dy;
  }
  // A constant column leaves rounding residue of order eps^2 * scale; treat it as exactly constant.
  if (!(sxx > 0 && syy > 0) || isConstant(x, w) || isConstant(y, w)) return Number.NaN;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

/** True when every observation with positive weight has the same value. */
export function isConstant(x: ArrayLike<number>, w: ArrayLike<number>): boolean {
  let first = Number.NaN;
  for (let k = 0; k < x.length; k++) {
    if (w[k] === 0) continue;
    if (Number.isNaN(first)) first = x[k];
    else if (x[k] !== first) return false;
  }
  return true;
}
