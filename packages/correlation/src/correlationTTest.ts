import { studentTCdf, studentTSf } from "@biomarker/numerics";
import { fisherZInterval } from "./fisherZ.js";
import type { Alternative, CorrelationResult } from "./types.js";

/**
 * The t test of a correlation as the test of a linear-model slope: t = r sqrt(df) / sqrt(1 - r^2),
 * p = 2 P(T_df > |t|) (two-sided), P(T_df > t) (greater) or P(T_df < t) (less), with the Fisher-z
 * interval for n_eff = df + 2 (one-sided for a one-sided alternative, as cor.test). Pearson (R's cor.test):
 * df = n - 2; rmcorr (Bakdash & Marusich 2017): df = N - k - 1.
 */
export function correlationTTest(
  method: "pearson" | "rmcorr",
  n: number,
  r: number,
  df: number,
  confLevel: number,
  alternative: Alternative = "two.sided",
): CorrelationResult {
  const t = (r * Math.sqrt(df)) / Math.sqrt(1 - r * r);
  const ci = fisherZInterval(r, df + 2, confLevel, alternative);
  const pValue = alternative === "two.sided" ? Math.min(1, 2 * studentTSf(Math.abs(t), df)) : alternative === "greater" ? studentTSf(t, df) : studentTCdf(t, df);
  return {
    method,
    n,
    estimate: r,
    statistic: t,
    statisticName: "t",
    df,
    pValue,
    pValueMethod: "t-test",
    ciLower: ci.lower,
    ciUpper: ci.upper,
    confLevel,
    support: null,
    permutations: null,
    reason: null,
  };
}
