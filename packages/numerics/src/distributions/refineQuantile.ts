/**
 * Polishes an approximate quantile x0 > 0 of a distribution on [0, upper] so that tail(x) = target, where
 * tail is a cdf or a survival function known to full relative accuracy. Secant method on
 *   h(d) = log tail(x_c e^d) - log target
 * in the log-scale offset d from a centre x_c, which is close to linear in both kinds of tail (power laws
 * log P ~ a log x near 0, exponential tails), so it converges in a few steps even from a poor start.
 * Two passes: from x_c = x0, then re-centred at the best point so that d is tiny and x is resolved to the
 * last ulp. Relative accuracy in the probability thus carries over to x where the inverse supplied by
 * @stdlib has lost it (its inverse incomplete beta returns 3.2e-10 for the 1e-71.5 quantile of
 * Beta(2.99, 11.95), which is 1.7e-25; its inverse gamma was off by 3e-4 for df = 0.3 at q = 3e-39).
 * The point with the smallest |h| seen is returned, so an exact quantile is never made worse.
 */
export function refineQuantile(tail: (x: number) => number, target: number, x0: number, upper: number): number {
  if (!(target > 0) || Number.isNaN(x0) || x0 === Infinity) return x0;
  const logTarget = Math.log(target);
  let best = x0 > 0 ? x0 : Number.MIN_VALUE;
  let bestH = Math.abs(Math.log(tail(best)) - logTarget);
  if (!Number.isFinite(bestH)) return x0;
  for (let pass = 0; pass < 2 && bestH > 2 * Number.EPSILON; pass++) {
    const centre = best;
    const at = (d: number): number => Math.min(upper, centre * Math.exp(d));
    const h = (d: number): number => Math.log(tail(at(d))) - logTarget;
    let dPrevious = 0;
    let hPrevious = bestH * Math.sign(Math.log(tail(centre)) - logTarget);
    let d = at(1e-7) < upper ? 1e-7 : -1e-7;
    for (let iteration = 0; iteration < 50; iteration++) {
      const hd = h(d);
      if (!Number.isFinite(hd)) break;
      if (Math.abs(hd) < bestH) {
        best = at(d);
        bestH = Math.abs(hd);
        if (bestH <= 2 * Number.EPSILON) break;
      }
      if (hd === hPrevious) break;
      const next = d - (hd * (d - dPrevious)) / (hd - hPrevious);
      if (!Number.isFinite(next)) break;
      dPrevious = d;
      hPrevious = hd;
      d = next;
      if (Math.abs(d - dPrevious) <= 2 * Number.EPSILON * Math.max(1, Math.abs(d))) break;
    }
  }
  return best === (x0 > 0 ? x0 : Number.MIN_VALUE) ? x0 : best;
}
