import { studentTSf } from "@biomarker/numerics";
import { fisherZInterval } from "./fisherZ.js";
import type { CorrelationResult } from "./types.js";

/**
 * The t test of a correlation as the test of a linear-model slope: t = r sqrt(df) / sqrt(1 - r^2),
 * two-sided p = 2 P(T_df > |t|), with the Fisher-z interval for n_eff = df + 2. Pearson (R's cor.test):
 * df = n - 2; rmcorr (Bakdash & Marusich 2017): df = N - k - 1.
 */
export function correlationTTest(
  method: "pearson" | "rmcorr",
  n: number,
  r: number,
  df: number,
  confLevel: number,
): CorrelationResult {
  const t = (r * Math.sqrt(df)) / Math.sqrt(1 - r * r);
  const ci = fisherZInterval(r, df + 2, confLevel);
  return {
    method,
    n,
    estimate: r,
    statistic: t,
    statisticName: "t",
    df,
    pValue: Math.min(1, 2 * studentTSf(Math.abs(t), df)),
    pValueMethod: "t-test",
    ciLower: ci.lower,
    ciUpper: ci.upper,
    confLevel,
    support: null,
    permutations: null,
    reason: null,
  };
}
