/**
 * log(1 + t) - t for t > -1, accurate to a few ulps. For |t| < 1/2, with u = t / (2 + t) and
 * log(1 + t) = 2 atanh(u) = 2 (u + u^3/3 + u^5/5 + ...):
 *   log(1 + t) - t = -t^2 / (2 + t) + 2 u (u^2/3 + u^4/5 + ...),   |u| <= 1/3,
 * which has no cancellation; otherwise log1p(t) - t loses at most a factor 2 to cancellation.
 * (@stdlib's log1pmx is off by 2.5e-15 relative at t = -0.9, which costs 1.5e-12 in a gamma tail.)
 */
export function log1pmx(t: number): number {
  if (!(Math.abs(t) < 0.5)) return Math.log1p(t) - t;
  const u = t / (2 + t);
  const u2 = u * u;
  let power = u2;
  let sum = 0;
  for (let k = 1; k < 40; k++) {
    const term = power / (2 * k + 1);
    sum += term;
    if (term <= sum * Number.EPSILON * 0.25) break;
    power *= u2;
  }
  return (-t * t) / (2 + t) + 2 * u * sum;
}
