import { checkOptions } from "@biomarker/numerics";
import { CorrelationInputError } from "./errors.js";
import { correlationTTest } from "./correlationTTest.js";
import { completePairs, degenerateColumn, type NumericColumn } from "./pairs.js";
import { type CorrelationOptions, type CorrelationResult, correlationOptionSpec } from "./types.js";
import { undefinedResult } from "./types.js";

/** The power of two nearest below max |v|: dividing by it is exact and brings the values near 1. */
function powerOfTwoScale(v: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]));
  return max > 0 && Number.isFinite(max) ? 2 ** Math.floor(Math.log2(max)) : 1;
}

/** Pearson's r from centred cross-products (two-pass, as R's cor), each column first divided by a power
 *  of two near its largest magnitude so that squares neither underflow (1e-188) nor overflow (1e200). */
export function pearsonR(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  const sx = powerOfTwoScale(x);
  const sy = powerOfTwoScale(y);
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] / sx;
    my += y[i] / sy;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] / sx - mx;
    const dy = y[i] / sy - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * Pearson's product-moment correlation test as R's cor.test: t = r sqrt(df / (1 - r^2)), df = n - 2,
 * p from t(df) for options.alternative, Fisher-z interval for n > 3. Censored values have no number to correlate:
 * the estimate is null with a reason (use a rank method).
 */
export function pearsonTest(x: NumericColumn, y: NumericColumn, options: CorrelationOptions = {}): CorrelationResult {
  checkOptions("pearsonTest", options, correlationOptionSpec);
  const confLevel = options.confLevel ?? 0.95;
  const request = options.pValue ?? "auto";
  if (request === "permutation" || request === "edgeworth") {
    throw new CorrelationInputError(`p-value '${request}' is available for Spearman only; use auto, exact or asymptotic for Pearson`);
  }
  const sample = completePairs(x, y, options.censoredX, options.censoredY);
  if (sample.n < 3) return undefinedResult("pearson", sample.n, confLevel, `n = ${sample.n} complete pairs; at least 3 are needed`);
  if (sample.censoredX.some((c) => c === 1) || sample.censoredY.some((c) => c === 1)) {
    return undefinedResult("pearson", sample.n, confLevel, "censored values (below the LLOQ) need a rank method (spearman or kendall)");
  }
  const reason = degenerateColumn(sample.x, sample.censoredX, "x") ?? degenerateColumn(sample.y, sample.censoredY, "y");
  if (reason !== null) return undefinedResult("pearson", sample.n, confLevel, reason);
  return correlationTTest("pearson", sample.n, pearsonR(sample.x, sample.y), sample.n - 2, confLevel, options.alternative);
}
