import { log1pmx } from "./log1pmx.js";

/** mu(a) = ln Gamma(a) - [(a - 1/2) ln a - a + ln(2 pi) / 2], Stirling's series (Abramowitz & Stegun 6.1.40);
 *  for a >= 100 the terms kept leave an error below 1e-21. */
function stirlingCorrection(a: number): number {
  const a2 = a * a;
  return (1 / 12 - (1 / 360 - (1 / 1260 - 1 / (1680 * a2)) / a2) / a2) / a;
}

/**
 * Both tails of the regularized incomplete gamma function for a large shape a (used for a > 200, where
 * @stdlib's gammainc is off by up to 4.5% near x ~ a once a >= 1000 and returns NaN for a >= 5000).
 * The common factor is formed without ln Gamma(a) (whose absolute error would be ~1e-16 * a ln a):
 *   x^a e^-x / Gamma(a) = sqrt(a / (2 pi)) exp(a log1pmx((x - a) / a) - mu(a))     (Temme 1979),
 * log1pmx(t) = ln(1 + t) - t. Then, as in Numerical Recipes sec. 6.2:
 *   x < a:  P(a, x) = factor / a * sum_{n>=0} prod_{k=1..n} x / (a + k)                (series)
 *   x >= a: Q(a, x) = factor / (x + 1 - a - 1(1 - a) / (x + 3 - a - 2(2 - a) / (x + 5 - a - ...)))
 * (Legendre's continued fraction, modified Lentz), and the other tail as 1 - that one (>= ~1/2).
 */
export function largeShapeIncompleteGamma(x: number, a: number): { lower: number; upper: number } {
  if (x <= 0) return { lower: 0, upper: 1 };
  if (x === Infinity) return { lower: 1, upper: 0 };
  const factor = Math.sqrt(a / (2 * Math.PI)) * Math.exp(a * log1pmx((x - a) / a) - stirlingCorrection(a));
  if (x < a) {
    let term = 1;
    let sum = 1;
    for (let n = 1; n < 10_000_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (term <= sum * Number.EPSILON * 0.25) break;
    }
    const lower = (factor / a) * sum;
    return { lower, upper: 1 - lower };
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= Number.EPSILON * 0.5) break;
  }
  const upper = factor * h;
  return { lower: 1 - upper, upper };
}
