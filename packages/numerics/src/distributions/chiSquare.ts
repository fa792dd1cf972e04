import { incompleteGammaTails } from "./incompleteGammaTails.js";
import { refineQuantile } from "./refineQuantile.js";
import gammaincinv from "@stdlib/math-base-special-gammaincinv";

/** Chi-square with df degrees of freedom is Gamma(df/2, scale 2): P(X <= x) = P(df/2, x/2) (regularized lower gamma). */
export function chiSquareCdf(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df) || df <= 0) return NaN;
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  return incompleteGammaTails(x / 2, df / 2).lower;
}

/** P(X > x) = Q(df/2, x/2), the regularized upper incomplete gamma (computed directly when it is the smaller tail). */
export function chiSquareSf(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df) || df <= 0) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return incompleteGammaTails(x / 2, df / 2).upper;
}

/**
 * The x with P(X <= x) = p: 2 P^-1(df/2, p) (@stdlib gammaincinv: DiDonato & Morris 1986 starting values
 * with Halley steps), inverted in the tail p lies in and polished by refineQuantile on that tail.
 */
export function chiSquareQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || Number.isNaN(df) || df <= 0) return NaN;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  return p <= 0.5 ? lowerTailQuantile(p, df) : upperTailQuantile(1 - p, df);
}

/** The x with P(X > x) = q, inverting the upper incomplete gamma from q directly. */
export function chiSquareQuantileUpper(q: number, df: number): number {
  if (Number.isNaN(q) || q < 0 || q > 1 || Number.isNaN(df) || df <= 0) return NaN;
  if (q === 0) return Infinity;
  if (q === 1) return 0;
  return q <= 0.5 ? upperTailQuantile(q, df) : lowerTailQuantile(1 - q, df);
}

function lowerTailQuantile(p: number, df: number): number {
  const x0 = 2 * gammaincinv(p, df / 2, false);
  return refineQuantile((x) => incompleteGammaTails(x / 2, df / 2).lower, p, x0, Infinity);
}

function upperTailQuantile(q: number, df: number): number {
  const x0 = 2 * gammaincinv(q, df / 2, true);
  return refineQuantile((x) => incompleteGammaTails(x / 2, df / 2).upper, q, x0, Infinity);
}
