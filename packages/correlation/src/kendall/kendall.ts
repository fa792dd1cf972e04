import { checkOptions, normalCdf, normalSf } from "@biomarker/numerics";
import { CorrelationInputError } from "../errors.js";
import { rankedPairs, type NumericColumn } from "../pairs.js";
import { type CorrelationOptions, type CorrelationResult, correlationOptionSpec } from "../types.js";
import { undefinedResult } from "../types.js";
import { kendallConditionalNull, kendallConditionalPValue, kendallNullCost, type KendallNull } from "./conditionalNull.js";
import { kendallExactOneSided, kendallExactPValue, kendallSupport } from "./exactNull.js";

/** R's cor.test uses the exact null without ties for n < 50. */
export const KENDALL_EXACT_MAX_N = 49;
/** Exact conditional null with ties: "auto" enumerates up to this work (every tie pattern to n = 14, ~0.1 s). */
export const KENDALL_AUTO_CONDITIONAL_COST = 5e7;
/** An explicit "exact" request enumerates up to this work; n <= 18 keeps the counts below 2^53. */
export const KENDALL_MAX_CONDITIONAL_COST = 1e9;

const conditionalCache = new Map<string, KendallNull>();

function conditionalNull(a: Int32Array, b: Int32Array): KendallNull {
  const key = `${Array.from(a).sort((p, q) => p - q).join(",")}|${Array.from(b).sort((p, q) => p - q).join(",")}`;
  let cached = conditionalCache.get(key);
  if (cached === undefined) {
    cached = kendallConditionalNull(a, b);
    if (conditionalCache.size >= 256) conditionalCache.delete(conditionalCache.keys().next().value as string);
    conditionalCache.set(key, cached);
  }
  return cached;
}

function tieSums(scores: Int32Array): { pairs: number; v: number; t3: number } {
  // For tie groups of size t: sum t(t-1)/2, sum t(t-1)(2t+5), sum t(t-1)(t-2).
  const counts = new Map<number, number>();
  for (const s of scores) counts.set(s, (counts.get(s) ?? 0) + 1);
  let pairs = 0;
  let v = 0;
  let t3 = 0;
  for (const t of counts.values()) {
    pairs += (t * (t - 1)) / 2;
    v += t * (t - 1) * (2 * t + 5);
    t3 += t * (t - 1) * (t - 2);
  }
  return { pairs, v, t3 };
}

/**
 * Kendall's tau-b = (C - D) / sqrt((n0 - n1)(n0 - n2)) with n0 = n(n-1)/2 and n1, n2 the tied pairs in x, y.
 * p-value: without ties exact as R's cor.test (T = C, Mahonian null, n < 50); with ties the exact
 * conditional null of S = C - D given both tie patterns while affordable (R: normal approximation), two-sided
 * P(|S*| >= |S|) (one-sided alternatives with ties: the normal approximation, as R); otherwise, or on
 * request ("asymptotic"), R's normal approximation z = S / sqrt(var S) with
 * the tie-corrected variance (Kendall 1970, eq. 4.3):
 *   var S = (v0 - vt - vu)/18 + v1/(2n(n-1)) + v2/(9n(n-1)(n-2)).
 */
export function kendallFromScores(a: Int32Array, b: Int32Array, options: CorrelationOptions = {}): CorrelationResult {
  const n = a.length;
  const confLevel = options.confLevel ?? 0.95;
  let concordant = 0;
  let discordant = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = Math.sign(a[i] - a[j]) * Math.sign(b[i] - b[j]);
      if (s > 0) concordant++;
      else if (s < 0) discordant++;
    }
  }
  const n0 = (n * (n - 1)) / 2;
  const tx = tieSums(a);
  const ty = tieSums(b);
  const tau = (concordant - discordant) / Math.sqrt((n0 - tx.pairs) * (n0 - ty.pairs));
  const ties = tx.pairs > 0 || ty.pairs > 0;
  const request = options.pValue ?? "auto";
  if (request === "permutation" || request === "edgeworth") {
    throw new CorrelationInputError(`p-value '${request}' is available for Spearman only; use auto, exact or asymptotic for Kendall`);
  }
  const alternative = options.alternative ?? "two.sided";
  const oneSided = alternative !== "two.sided";
  if (ties && oneSided && request === "exact") {
    throw new CorrelationInputError(`exact conditional p-values are two-sided only; use pValue "asymptotic" (or "auto") for alternative '${alternative}'`);
  }
  const base = { method: "kendall" as const, n, estimate: tau, df: null, ciLower: null, ciUpper: null, confLevel, permutations: null, reason: null };
  if (!ties && request !== "asymptotic" && n <= KENDALL_EXACT_MAX_N) {
    return {
      ...base,
      statistic: concordant,
      statisticName: "T",
      pValue: oneSided ? kendallExactOneSided(n, concordant, alternative) : kendallExactPValue(n, concordant),
      pValueMethod: "exact",
      support: oneSided ? null : kendallSupport(n),
    };
  }
  if (ties && !oneSided && request !== "asymptotic" && n <= 18) {
    const budget = request === "exact" ? KENDALL_MAX_CONDITIONAL_COST : KENDALL_AUTO_CONDITIONAL_COST;
    if (kendallNullCost(a, b) <= budget) {
      const nullDistribution = conditionalNull(a, b);
      return {
        ...base,
        statistic: concordant - discordant,
        statisticName: "S",
        pValue: kendallConditionalPValue(nullDistribution, concordant - discordant),
        pValueMethod: "exact-conditional",
        support: nullDistribution.tailProbabilities,
      };
    }
  }
  const v0 = n * (n - 1) * (2 * n + 5);
  const v1 = 4 * tx.pairs * ty.pairs; // sum t(t-1) = 2 * pairs
  const v2 = tx.t3 * ty.t3;
  const varS = (v0 - tx.v - ty.v) / 18 + v1 / (2 * n * (n - 1)) + v2 / (9 * n * (n - 1) * (n - 2));
  const z = (concordant - discordant) / Math.sqrt(varS);
  return {
    ...base,
    statistic: z,
    statisticName: "z",
    pValue: !oneSided ? Math.min(1, 2 * normalSf(Math.abs(z))) : alternative === "greater" ? normalSf(z) : normalCdf(z),
    pValueMethod: "normal-approximation",
    support: null,
  };
}

export function kendallTest(x: NumericColumn, y: NumericColumn, options: CorrelationOptions = {}): CorrelationResult {
  checkOptions("kendallTest", options, correlationOptionSpec);
  const confLevel = options.confLevel ?? 0.95;
  const ranked = rankedPairs(x, y, options.censoredX, options.censoredY);
  if (ranked.reason !== null) return undefinedResult("kendall", ranked.n, confLevel, ranked.reason);
  return kendallFromScores(ranked.x, ranked.y, options);
}
