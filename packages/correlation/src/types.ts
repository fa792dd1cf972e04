/** How a p-value was obtained; every result names it. */
export type PValueMethod =
  | "exact" // full null distribution, no ties (Spearman: all n! permutations; Kendall: Mahonian numbers)
  | "exact-conditional" // full permutation distribution given the tie patterns (Spearman, Kendall with ties)
  | "edgeworth" // AS 89 Edgeworth series for Spearman's S (R's cor.test for n >= 10 without ties)
  | "permutation" // seeded Monte Carlo permutation p, (b + 1) / (B + 1)
  | "t-approximation" // rho sqrt((n - 2) / (1 - rho^2)) ~ t(n - 2) (Spearman; Pearson's exact t test is "t-test")
  | "t-test" // Pearson and rmcorr: the t test of the linear-model slope
  | "normal-approximation"; // Kendall: S / sqrt(var S) with the tie-corrected variance

/** What the caller asks for; "auto" picks the exact method whenever it is affordable. */
export type PValueRequest = "auto" | "exact" | "edgeworth" | "asymptotic" | "permutation";

export type CorrelationMethod = "spearman" | "pearson" | "kendall";

/** The alternative hypothesis, as R's cor.test: "greater" is positive association. */
export type Alternative = "two.sided" | "less" | "greater";
export const alternatives: readonly Alternative[] = ["two.sided", "less", "greater"];

export interface CorrelationOptions {
  /** Default "spearman". */
  method?: CorrelationMethod;
  /** Default "auto". */
  pValue?: PValueRequest;
  /** Default "two.sided". One-sided tests of tied data use the asymptotic null under "auto" (as R), since
   *  the exact conditional nulls are kept as two-sided tails. */
  alternative?: Alternative;
  /** Monte Carlo permutations B for pValue "permutation" (or auto fallback). Default 10,000. */
  permutations?: number;
  /** Seed of the permutation stream. Default 1. */
  seed?: number;
  /** Confidence level of the Fisher-z interval (Pearson, rmcorr). Default 0.95. */
  confLevel?: number;
  /** true where x is below its lower limit of quantification: ranked as ties below every observed value. */
  censoredX?: ArrayLike<boolean>;
  censoredY?: ArrayLike<boolean>;
}

export interface CorrelationResult {
  method: CorrelationMethod | "rmcorr";
  /** Complete pairs used. */
  n: number;
  /** rho, r or tau-b; null when undefined (see reason). */
  estimate: number | null;
  /**
   * Spearman: S = (n^3 - n)(1 - rho)/6 (as R). Kendall: T = C concordant pairs (exact, as R), S = C - D
   * (exact-conditional with ties) or z (normal approximation). Pearson, rmcorr: t.
   */
  statistic: number | null;
  statisticName: "S" | "T" | "z" | "t" | null;
  df: number | null;
  /** p-value of options.alternative (two-sided by default). */
  pValue: number | null;
  pValueMethod: PValueMethod | null;
  ciLower: number | null;
  ciUpper: number | null;
  confLevel: number;
  /**
   * The attainable two-sided p-values of the exact null used (ascending, last = 1), for discrete FDR
   * (Heyse; Doehler, Durand & Roquain); null for continuous approximations, Monte Carlo p-values and
   * one-sided alternatives.
   * Shared between results with the same tie pattern: treat as read-only.
   */
  support: Float64Array | null;
  /** Monte Carlo permutations used (pValueMethod "permutation"), else null. */
  permutations: number | null;
  /** Why the estimate is null (constant column, n < 3, all censored, ...); null otherwise. */
  reason: string | null;
}

/** The options of the bivariate tests (correlationTest, spearmanTest, pearsonTest, kendallTest). */
export const correlationOptionSpec = {
  method: ["spearman", "pearson", "kendall"],
  pValue: ["auto", "exact", "edgeworth", "asymptotic", "permutation"],
  alternative: ["two.sided", "less", "greater"],
  permutations: "integer",
  seed: "number",
  confLevel: "number",
  censoredX: "array",
  censoredY: "array",
} as const;

/** A result with estimate null and the reason. */
export function undefinedResult(
  method: CorrelationResult["method"],
  n: number,
  confLevel: number,
  reason: string,
): CorrelationResult {
  return {
    method,
    n,
    estimate: null,
    statistic: null,
    statisticName: null,
    df: null,
    pValue: null,
    pValueMethod: null,
    ciLower: null,
    ciUpper: null,
    confLevel,
    support: null,
    permutations: null,
    reason,
  };
}
