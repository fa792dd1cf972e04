import kernelBetaincinv from "@stdlib/math-base-special-kernel-betaincinv";
import { incompleteBetaTails } from "./incompleteBetaTails.js";
import { refineQuantile } from "./refineQuantile.js";

function invalid(a: number, b: number): boolean {
  return Number.isNaN(a) || Number.isNaN(b) || a <= 0 || b <= 0;
}

/** P(X <= x) = I_x(a, b), the regularized incomplete beta function. */
export function betaCdf(x: number, a: number, b: number): number {
  if (Number.isNaN(x) || invalid(a, b)) return NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return incompleteBetaTails(x, a, b).lower;
}

/** P(X > x) = 1 - I_x(a, b); computed directly whenever it is the smaller tail (see incompleteBetaTails). */
export function betaSf(x: number, a: number, b: number): number {
  if (Number.isNaN(x) || invalid(a, b)) return NaN;
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  return incompleteBetaTails(x, a, b).upper;
}

/**
 * The x with I_x(a, b) = p; the inverse gets both p and 1 - p (Boost ibeta_inv, DiDonato & Morris 1992),
 * then refineQuantile polishes it on the smaller tail.
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || invalid(a, b)) return NaN;
  if (p === 0) return 0;
  if (p === 1) return 1;
  return invert(p, 1 - p, a, b);
}

/** The x with P(X > x) = q, from q directly. */
export function betaQuantileUpper(q: number, a: number, b: number): number {
  if (Number.isNaN(q) || q < 0 || q > 1 || invalid(a, b)) return NaN;
  if (q === 0) return 1;
  if (q === 1) return 0;
  return invert(1 - q, q, a, b);
}

function invert(p: number, q: number, a: number, b: number): number {
  const x0 = kernelBetaincinv(a, b, p, q)[0];
  return p <= q
    ? refineQuantile((x) => incompleteBetaTails(x, a, b).lower, p, x0, 1)
    : refineQuantile((x) => incompleteBetaTails(x, a, b).upper, q, x0, 1);
}
