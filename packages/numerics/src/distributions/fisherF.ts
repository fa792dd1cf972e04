import kernelBetaincinv from "@stdlib/math-base-special-kernel-betaincinv";
import { betaCdf, betaSf } from "./beta.js";
import { chiSquareCdf, chiSquareQuantile, chiSquareQuantileUpper, chiSquareSf } from "./chiSquare.js";
import { refineQuantile } from "./refineQuantile.js";

/*
 * F(df1, df2): with u = df1 x / (df1 x + df2), P(F <= x) = I_u(df1/2, df2/2) (Abramowitz & Stegun 26.6.2).
 * As R's pf does, when df1 x > df2 the complementary argument df2 / (df2 + df1 x) (small, exact) is used
 * with the shapes swapped, so neither tail is ever formed as 1 - u.
 */

function invalid(x: number, df1: number, df2: number): boolean {
  return Number.isNaN(x) || Number.isNaN(df1) || Number.isNaN(df2) || df1 <= 0 || df2 <= 0;
}

function tail(x: number, df1: number, df2: number, upper: boolean): number {
  if (df2 === Infinity) {
    if (df1 === Infinity) return (x < 1) === upper ? 0 : 1;
    return upper ? chiSquareSf(x * df1, df1) : chiSquareCdf(x * df1, df1);
  }
  if (df1 === Infinity) return upper ? chiSquareCdf(df2 / x, df2) : chiSquareSf(df2 / x, df2);
  if (df1 * x > df2) {
    const v = df2 / (df2 + df1 * x);
    return upper ? betaCdf(v, df2 / 2, df1 / 2) : betaSf(v, df2 / 2, df1 / 2);
  }
  const u = (df1 * x) / (df2 + df1 * x);
  return upper ? betaSf(u, df1 / 2, df2 / 2) : betaCdf(u, df1 / 2, df2 / 2);
}

/** P(F <= x). */
export function fCdf(x: number, df1: number, df2: number): number {
  if (invalid(x, df1, df2)) return NaN;
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  return tail(x, df1, df2, false);
}

/** P(F > x), computed in the upper tail directly. */
export function fSf(x: number, df1: number, df2: number): number {
  if (invalid(x, df1, df2)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return tail(x, df1, df2, true);
}

/**
 * x = df2 u / (df1 (1 - u)) where I_u(df1/2, df2/2) = p. For p <= 1/2 u is small and comes from the
 * inverse directly; otherwise the complementary variable v = 1 - u = df2 / (df2 + df1 x), which solves
 * I_v(df2/2, df1/2) = q, is inverted instead and x = df2 (1 - v) / (df1 v), so a huge upper quantile does not
 * depend on 1 - u after cancellation. Polished by refineQuantile on the smaller tail.
 */
export function fQuantile(p: number, df1: number, df2: number): number {
  if (invalid(p, df1, df2) || p < 0 || p > 1) return NaN;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  return p <= 0.5 ? lowerTailQuantile(p, df1, df2) : upperTailQuantile(1 - p, df1, df2);
}

/** The x with P(F > x) = q, from q directly. */
export function fQuantileUpper(q: number, df1: number, df2: number): number {
  if (invalid(q, df1, df2) || q < 0 || q > 1) return NaN;
  if (q === 0) return Infinity;
  if (q === 1) return 0;
  return q <= 0.5 ? upperTailQuantile(q, df1, df2) : lowerTailQuantile(1 - q, df1, df2);
}

function lowerTailQuantile(p: number, df1: number, df2: number): number {
  if (df2 === Infinity) return df1 === Infinity ? 1 : chiSquareQuantile(p, df1) / df1;
  if (df1 === Infinity) return df2 / chiSquareQuantileUpper(p, df2);
  const [u, oneMinusU] = kernelBetaincinv(df1 / 2, df2 / 2, p, 1 - p);
  const x0 = (df2 * u) / (df1 * oneMinusU);
  return refineQuantile((x) => tail(x, df1, df2, false), p, x0, Infinity);
}

function upperTailQuantile(q: number, df1: number, df2: number): number {
  if (df2 === Infinity) return df1 === Infinity ? 1 : chiSquareQuantileUpper(q, df1) / df1;
  if (df1 === Infinity) return df2 / chiSquareQuantile(q, df2);
  const [v, oneMinusV] = kernelBetaincinv(df2 / 2, df1 / 2, q, 1 - q);
  const x0 = (df2 * oneMinusV) / (df1 * v);
  return refineQuantile((x) => tail(x, df1, df2, true), q, x0, Infinity);
}
