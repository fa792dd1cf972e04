import { normalCdf, normalSf } from "./normal.js";

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Below this, Phi(x) is summed from its asymptotic series instead of erfc (which underflows at -37.5). */
const SERIES_BELOW = -30;

/**
 * log Phi(x), accurate in both tails (as R's pnorm(x, log.p = TRUE)):
 *   x > 0:    log1p(-Phi(-x)) (never log of a number near 1);
 *   x >= -30: log of erfc(-x / sqrt 2) / 2, which keeps full relative accuracy there;
 *   x < -30:  -x^2/2 - log(-x) - log(2 pi)/2 + log(1 - 1/x^2 + 3/x^4 - 15/x^6 + ...) (Abramowitz & Stegun
 *             26.2.12; eight terms leave a relative error below 1e-17).
 */
export function normalLogCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return 0;
  if (x > 0) return Math.log1p(-normalSf(x));
  if (x >= SERIES_BELOW) return Math.log(normalCdf(x));
  if (x === -Infinity) return -Infinity;
  return -0.5 * x * x - Math.log(-x) - HALF_LOG_2PI + Math.log(asymptoticSeries(x));
}

/** log(1 - Phi(x)) = log Phi(-x). */
export function normalLogSf(x: number): number {
  return normalLogCdf(-x);
}

/**
 * phi(x) / Phi(x), the derivative of log Phi(x) (the inverse Mills ratio of the lower tail); for x < -30
 * from the same series, -x / S(x) with S(x) = 1 - 1/x^2 + 3/x^4 - ..., which tends to -x.
 */
export function normalLogCdfDerivative(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= SERIES_BELOW) return Math.exp(-0.5 * x * x - HALF_LOG_2PI) / normalCdf(x);
  if (x === -Infinity) return Infinity;
  return -x / asymptoticSeries(x);
}

/** S(x) = sum_k (-1)^k (2k-1)!! / x^(2k), k = 0..8, for x < -30. */
function asymptoticSeries(x: number): number {
  const r = 1 / (x * x);
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= 8; k++) {
    term *= -(2 * k - 1) * r;
    sum += term;
  }
  return sum;
}
