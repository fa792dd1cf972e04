import erfc from "@stdlib/math-base-special-erfc";
import erfcinv from "@stdlib/math-base-special-erfcinv";

/** Standard normal density phi(x) = exp(-x^2 / 2) / sqrt(2 pi). */
export function normalDensity(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Phi(x) = erfc(-x / sqrt 2) / 2: erfc keeps full relative accuracy in the lower tail (Phi(-37.5) ~ 4.6e-308). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** 1 - Phi(x) = erfc(x / sqrt 2) / 2, computed directly in the upper tail (never as 1 - cdf). */
export function normalSf(x: number): number {
  return 0.5 * erfc(x / Math.SQRT2);
}

/**
 * Phi^-1(p) = -sqrt 2 erfcinv(2 p), then one Newton step on the accurate cdf.
 * Working from the tail that p lies in (erfcinv(2p) for p < 1/2, erfcinv(2(1-p)) above) keeps
 * p = 1e-300 exact; erfinv(2p - 1) would lose everything below 1e-16.
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  return p <= 0.5 ? -lowerTailQuantile(p) : lowerTailQuantile(1 - p);
}

/** The x with 1 - Phi(x) = q, computed from q directly (so q = 1e-20 gives 9.262...). */
export function normalQuantileUpper(q: number): number {
  return -normalQuantile(q);
}

/** z > 0 with Phi(-z) = p for 0 < p <= 1/2, polished by Newton on log Phi (relative steps stay tiny in the far tail). */
function lowerTailQuantile(p: number): number {
  let z = Math.SQRT2 * erfcinv(2 * p);
  if (z > 0 && Number.isFinite(z)) {
    const tail = normalSf(z);
    const density = normalDensity(z);
    if (tail > 0 && density > 0) z += (tail - p) / density;
  }
  return z;
}
