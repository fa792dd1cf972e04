import { checkOptions, studentTCdf, studentTSf } from "@biomarker/numerics";
import { symmetricUpperTail } from "../absoluteNull.js";
import { CorrelationInputError } from "../errors.js";
import { hasTies, rankedPairs, type NumericColumn } from "../pairs.js";
import { type CorrelationOptions, type CorrelationResult, type PValueMethod, correlationOptionSpec } from "../types.js";
import { undefinedResult } from "../types.js";
import { spearmanEdgeworthOneSided, spearmanEdgeworthPValue } from "./edgeworth.js";
import { monteCarloDeviations, monteCarloPValue } from "./monteCarloNull.js";
import {
  permutationNull,
  permutationNullCost,
  permutationNullPValue,
  reduceScores,
  type PermutationNull,
} from "./permutationNull.js";

/**
 * Largest enumeration "auto" undertakes (see permutationNullCost): every n <= 16 without ties (~0.4 s
 * once per n, then cached) and every tie pattern up to n = 14 (even-sized tie groups make half-integer
 * mid-ranks, which can triple the work); larger tied n as the estimate allows (many ties are cheap).
 */
export const AUTO_EXACT_COST = 7e8;
/** Largest enumeration an explicit "exact" request undertakes (n = 18 without ties, a few seconds). */
export const MAX_EXACT_COST = 6e9;
/** Counts stay exact integers in doubles while n!/prod m_g! < 2^53; n = 18 is always safe. */
export const MAX_EXACT_N = 18;

export const DEFAULT_PERMUTATIONS = 10_000;
export const DEFAULT_SEED = 1;

const CACHE_LIMIT = 512;
const exactCache = new Map<string, PermutationNull>();
/** Monte Carlo null samples by pattern; sorted on the second use (a unique pattern is only scanned). */
const monteCarloCache = new Map<string, { deviations: Float64Array; sorted: boolean }>();

/** Frees the cached exact nulls and Monte Carlo samples (they are rebuilt on demand). */
export function clearSpearmanNullCache(): void {
  exactCache.clear();
  monteCarloCache.clear();
}

function store<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

/**
 * The null depends on the scores only through their multisets (the tie pattern). The exact null is also
 * symmetric in x and y (key unordered); a Monte Carlo sample permutes y's scores, so its key is ordered
 * and a result never depends on which pairs were computed before.
 */
function patternKey(a: number[], b: number[], ordered: boolean): string {
  const ka = [...a].sort((p, q) => p - q).join(",");
  const kb = [...b].sort((p, q) => p - q).join(",");
  return ordered || ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

interface SpearmanPValue {
  pValue: number;
  pValueMethod: PValueMethod;
  support: Float64Array | null;
  permutations: number | null;
}

/**
 * Spearman's rho from rank scores a, b (2 x mid-ranks, integers) and its two-sided p-value.
 * rho = U / sqrt(Saa Sbb) with U = n sum a b - sum a sum b, Saa = n sum a^2 - (sum a)^2: the Pearson
 * correlation of the mid-ranks, in exact integer arithmetic.
 */
export function spearmanFromScores(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: CorrelationOptions = {},
): CorrelationResult {
  const n = a.length;
  const confLevel = options.confLevel ?? 0.95;
  const ra = reduceScores(a).reduced;
  const rb = reduceScores(b).reduced;
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  for (let i = 0; i < n; i++) {
    sa += ra[i];
    sb += rb[i];
    saa += ra[i] * ra[i];
    sbb += rb[i] * rb[i];
    sab += ra[i] * rb[i];
  }
  const u = n * sab - sa * sb;
  const rho = Math.max(-1, Math.min(1, u / Math.sqrt((n * saa - sa * sa) * (n * sbb - sb * sb))));
  const s = ((n * n * n - n) * (1 - rho)) / 6;
  const p = spearmanPValue(ra, rb, u, rho, options);
  return {
    method: "spearman",
    n,
    estimate: rho,
    statistic: s,
    statisticName: "S",
    df: null,
    pValue: p.pValue,
    pValueMethod: p.pValueMethod,
    ciLower: null,
    ciUpper: null,
    confLevel,
    support: p.support,
    permutations: p.permutations,
    reason: null,
  };
}

function spearmanPValue(a: number[], b: number[], u: number, rho: number, options: CorrelationOptions): SpearmanPValue {
  const n = a.length;
  const request = options.pValue ?? "auto";
  const ties = hasTies(a) || hasTies(b);
  const alternative = options.alternative ?? "two.sided";
  const oneSided = alternative !== "two.sided";
  const twoSidedOnly = (what: string): never => {
    throw new CorrelationInputError(`${what} p-values are two-sided only; use pValue "asymptotic" (or "auto") for alternative '${alternative}'`);
  };
  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  if (!Number.isInteger(permutations) || permutations < 1) {
    throw new CorrelationInputError(`permutations must be a positive integer, got ${permutations}`);
  }

  const exact = (): SpearmanPValue => {
    const key = patternKey(a, b, false);
    const nullDistribution = exactCache.get(key) ?? store(exactCache, key, permutationNull(a, b));
    if (oneSided) {
      // Without ties U's null is symmetric; "greater" (rho > 0) is P(U* >= u).
      const pValue = symmetricUpperTail(nullDistribution, alternative === "greater" ? u : -u);
      return { pValue, pValueMethod: "exact", support: null, permutations: null };
    }
    return {
      pValue: permutationNullPValue(nullDistribution, u),
      pValueMethod: ties ? "exact-conditional" : "exact",
      support: nullDistribution.tailProbabilities,
      permutations: null,
    };
  };
  const monteCarlo = (): SpearmanPValue => {
    if (oneSided) twoSidedOnly("Monte Carlo permutation");
    const seed = options.seed ?? DEFAULT_SEED;
    const key = `${patternKey(a, b, true)}#${seed}#${permutations}`;
    let sample = monteCarloCache.get(key);
    if (sample === undefined) {
      sample = store(monteCarloCache, key, { deviations: monteCarloDeviations(a, b, permutations, seed), sorted: false });
    } else if (!sample.sorted) {
      sample.deviations.sort();
      sample.sorted = true;
    }
    return { pValue: monteCarloPValue(sample.deviations, sample.sorted, u), pValueMethod: "permutation", support: null, permutations };
  };
  const tApproximation = (): SpearmanPValue => {
    // R's cor.test without exact p: t = rho sqrt((n - 2)/(1 - rho^2)) on n - 2 df.
    const t = rho * Math.sqrt((n - 2) / (1 - rho * rho));
    const pValue = !oneSided ? Math.min(1, 2 * studentTSf(Math.abs(t), n - 2)) : alternative === "greater" ? studentTSf(t, n - 2) : studentTCdf(t, n - 2);
    return { pValue, pValueMethod: "t-approximation", support: null, permutations: null };
  };
  const edgeworth = (): SpearmanPValue => {
    // Never 0: no permutation has a smaller two-sided p than the two extreme ones, 2/n!; below the double
    // range (n >= 171) the smallest positive double stands for it.
    const s = ((n * n * n - n) * (1 - rho)) / 6;
    const smallest = (oneSided ? 1 : 2) / factorial(n);
    const series = oneSided ? spearmanEdgeworthOneSided(n, s, alternative) : spearmanEdgeworthPValue(n, s);
    const pValue = Math.max(series, smallest, Number.MIN_VALUE);
    return { pValue, pValueMethod: "edgeworth", support: null, permutations: null };
  };

  switch (request) {
    case "asymptotic":
      return tApproximation();
    case "permutation":
      return monteCarlo();
    case "edgeworth":
      return ties ? tApproximation() : edgeworth();
    case "exact":
    case "auto": {
      if (ties && oneSided) return request === "auto" ? tApproximation() : twoSidedOnly("Exact conditional");
      const budget = request === "exact" ? MAX_EXACT_COST : AUTO_EXACT_COST;
      if (n <= MAX_EXACT_N && permutationNullCost(a, b) <= budget) return exact();
      return ties ? monteCarlo() : edgeworth();
    }
    default:
      throw new CorrelationInputError(`unknown p-value method '${String(request)}'`);
  }
}

/**
 * Spearman's rank correlation test. Mid-ranks; censored values (below the LLOQ) tie below every observed
 * value. p-value ("auto"): exact over all n! permutations without ties, exact conditional on the tie
 * pattern with ties, while the enumeration is affordable (AUTO_EXACT_COST); beyond that the AS 89
 * Edgeworth series without ties and a seeded Monte Carlo permutation p with ties.
 */
export function spearmanTest(x: NumericColumn, y: NumericColumn, options: CorrelationOptions = {}): CorrelationResult {
  checkOptions("spearmanTest", options, correlationOptionSpec);
  const confLevel = options.confLevel ?? 0.95;
  const ranked = rankedPairs(x, y, options.censoredX, options.censoredY);
  if (ranked.reason !== null) return undefinedResult("spearman", ranked.n, confLevel, ranked.reason);
  return spearmanFromScores(ranked.x, ranked.y, options);
}
