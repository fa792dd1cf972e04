import { checkDigits } from "./roundSignificant.js";

/**
 * Deterministic text for golden outputs: x with at most `digits` significant digits (default 6), rounded
 * as roundSignificant does (exact binary value, ties away from zero), trailing zeros dropped.
 * Notation: fixed when the decimal exponent e of the rounded value satisfies -4 <= e < 15
 * ("0.0001234", "123457"), otherwise scientific with a signed two-digit exponent like R ("1.234e-05",
 * "1e-20", "1.5e+15").
 * Policy for values that are not finite numbers: null (missing) -> "NA", NaN -> "NaN", Infinity -> "Inf",
 * -Infinity -> "-Inf" (R's spellings); -0 and anything that rounds to zero -> "0".
 */
export function formatNumber(x: number | null, digits = 6): string {
  checkDigits(digits);
  if (x === null) return "NA";
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Inf";
  if (x === -Infinity) return "-Inf";
  if (x === 0) return "0";
  const [mantissaText, exponentText] = x.toExponential(digits - 1).split("e");
  const exponent = Number(exponentText);
  const negative = mantissaText.startsWith("-");
  const significand = mantissaText.replace("-", "").replace(".", "").replace(/0+$/, "") || "0";
  const sign = negative ? "-" : "";
  if (exponent >= -4 && exponent < 15) {
    if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${significand}`;
    const integerDigits = exponent + 1;
    if (significand.length <= integerDigits) return sign + significand + "0".repeat(integerDigits - significand.length);
    return `${sign}${significand.slice(0, integerDigits)}.${significand.slice(integerDigits)}`;
  }
  const mantissa = significand.length === 1 ? significand : `${significand[0]}.${significand.slice(1)}`;
  const exponentSign = exponent < 0 ? "-" : "+";
  return `${sign}${mantissa}e${exponentSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
}

/**
 * A number ready for JSON: rounded to `digits` significant digits when given, -0 -> 0, and NaN or
 * +-Infinity -> null (JSON has no such numbers; null reads as "not available").
 */
export function jsonNumber(x: number | null, digits?: number): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  if (digits === undefined) return x === 0 ? 0 : x;
  checkDigits(digits);
  const rounded = Number(x.toPrecision(digits));
  return rounded === 0 ? 0 : rounded;
}
