import { NumericsArgumentError } from "../errors.js";

export function checkDigits(digits: number): void {
  if (!Number.isInteger(digits) || digits < 1 || digits > 17) {
    throw new NumericsArgumentError(`digits must be an integer from 1 to 17, got ${digits}`);
  }
}

/**
 * x rounded to `digits` significant digits, deterministically: the decimal with `digits` significant digits
 * nearest to the exact binary value of x (ECMAScript Number.prototype.toPrecision, ties away from zero),
 * read back as a double. -0 becomes 0; NaN and +-Infinity are returned unchanged.
 * Differs from R's signif only on apparent decimal ties: 2.675 is stored as 2.67499999999999982..., so
 * roundSignificant(2.675, 3) = 2.67 where R gives 2.68, and roundSignificant(0.125, 2) = 0.13 (an exact tie,
 * away from zero) where R gives 0.12.
 */
export function roundSignificant(x: number, digits: number): number {
  checkDigits(digits);
  if (!Number.isFinite(x)) return x;
  const rounded = Number(x.toPrecision(digits));
  return rounded === 0 ? 0 : rounded;
}
