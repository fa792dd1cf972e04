import { discreteBH } from "../discrete/discreteBH.js";
import type { DiscreteTest } from "../discrete/nullDistribution.js";
import { MultipleTestingInputError } from "../errors.js";
import { pAdjust, pAdjustMethods, type PAdjustMethod } from "../padjust/pAdjust.js";

/**
 * How a family is adjusted. "auto" (the default) is Benjamini-Hochberg for every family, continuous or
 * discrete: exact discrete p-values are super-uniform, so BH keeps its FDR guarantee, gives adjusted
 * p-values, and rejects whenever enough tests reach small p-values. "dbh" is the discrete BH step-down of
 * Doehler, Durand & Roquain (2018) with each test's null support (BH for an all-continuous family); it gains
 * over BH only when the supports differ between tests (with identical supports it never rejects more).
 * The rest are R's p.adjust methods.
 */
export const familyMethods = ["auto", "dbh", ...pAdjustMethods] as const;
export type FamilyMethod = (typeof familyMethods)[number];

export interface FamilyOptions {
  /** Default "auto" (BH). */
  method?: FamilyMethod;
  /** Discoveries are adjusted p <= level. Default 0.05. */
  level?: number;
}

export interface FamilyAdjustment {
  /** The procedure applied: "BH", "DBH-SD", "holm", ... */
  procedure: string;
  level: number;
  /** Tests with a p-value. */
  m: number;
  /** Whether any test of the family has a discrete (exact) null. */
  discrete: boolean;
  /**
   * The smallest p-value any test of the family can attain: min over tests of the first value of its
   * support (0 for a test with a continuous null); null for an empty family.
   */
  smallestAttainable: number | null;
  /**
   * The smallest adjusted p-value the family can produce: the procedure applied with every test at its
   * smallest attainable p-value (the adjustments are monotone in the p-values, so no data do better).
   */
  smallestAttainableAdjusted: number | null;
  /** smallestAttainableAdjusted <= level: false means the family cannot reject whatever the data. */
  canReject: boolean;
  /** Adjusted p-values in input order; all null when the family cannot reject (see statement). */
  adjusted: (number | null)[];
  /** Per test: adjusted p <= level (null where the p-value is missing or the family cannot reject). */
  rejected: (boolean | null)[];
  numberRejected: number;
  /** One sentence for a reader: procedure, size, smallest attainable p, discoveries or why there can be none. */
  statement: string;
}

const familyOptionKeys = new Set(["method", "level"]);

function format(p: number): string {
  return p === 0 ? "0" : Number(p.toPrecision(3)).toString();
}

function adjustWith(tests: readonly DiscreteTest[], method: FamilyMethod, discrete: boolean): { adjusted: (number | null)[]; procedure: string } {
  const p = tests.map((t) => t.pValue);
  if (method === "auto") return { adjusted: pAdjust(p, "BH"), procedure: "BH" };
  if (method !== "dbh") return { adjusted: pAdjust(p, method), procedure: method };
  if (!discrete) return { adjusted: pAdjust(p, "BH"), procedure: "BH" };
  const result = discreteBH(tests, { direction: "step-down" });
  return { adjusted: result.adjusted as (number | null)[], procedure: "DBH-SD" };
}

/**
 * Adjusts one family of tests (one question of the analysis) and says what the family can and cannot
 * show: its smallest attainable p-value, the smallest adjusted p-value any data could give, and, when that
 * is above the level, that the family cannot reject (its adjusted p-values are then withheld rather than
 * printed as 1s). Tests carry `{ pValue, support }` as @biomarker/correlation's results do (support null
 * for a continuous null); missing p-values stay null and are not counted.
 */
export function adjustFamily(tests: readonly DiscreteTest[], options: FamilyOptions = {}): FamilyAdjustment {
  for (const key of Object.keys(options)) {
    if (!familyOptionKeys.has(key)) throw new MultipleTestingInputError(`unknown option '${key}' (options: method, level)`);
  }
  const method = options.method ?? "auto";
  if (!(familyMethods as readonly string[]).includes(method)) {
    throw new MultipleTestingInputError(`unknown family method '${String(method)}'; use one of ${familyMethods.join(", ")}`);
  }
  const level = options.level ?? 0.05;
  if (!(level > 0 && level < 1)) throw new MultipleTestingInputError(`level = ${level} must lie in (0, 1)`);
  const present = tests.filter((t) => t.pValue !== null && Number.isFinite(t.pValue));
  const m = present.length;
  const discrete = present.some((t) => t.support !== null && t.support.length > 0);
  if (m === 0) {
    return {
      procedure: method === "auto" ? "BH" : method,
      level,
      m,
      discrete,
      smallestAttainable: null,
      smallestAttainableAdjusted: null,
      canReject: false,
      adjusted: tests.map(() => null),
      rejected: tests.map(() => null),
      numberRejected: 0,
      statement: "no test of the family has a p-value",
    };
  }
  // Best case: every test at its smallest attainable p-value (0 for a continuous null).
  const best: DiscreteTest[] = present.map((t) => (t.support === null || t.support.length === 0 ? { pValue: 0, support: null } : { pValue: t.support[0], support: t.support }));
  const smallestAttainable = Math.min(...best.map((t) => t.pValue as number));
  const bestAdjusted = adjustWith(best, method, discrete).adjusted;
  const smallestAttainableAdjusted = Math.min(...bestAdjusted.map((a) => a as number));
  const canReject = smallestAttainableAdjusted <= level;
  const { adjusted, procedure } = adjustWith(tests, method, discrete);
  const attainable = discrete ? `smallest attainable p ${format(smallestAttainable)} (exact tests)` : "continuous p-values";
  const family = { procedure, level, m, discrete, smallestAttainable, smallestAttainableAdjusted, canReject };
  if (!canReject) {
    return {
      ...family,
      adjusted: tests.map(() => null),
      rejected: tests.map(() => null),
      numberRejected: 0,
      statement:
        `${procedure} across ${m} tests cannot reject at ${level}: ${attainable}; even with every test at its smallest attainable p-value ` +
        `the smallest adjusted p-value would be ${format(smallestAttainableAdjusted)}, so no adjusted p-values are reported`,
    };
  }
  const rejected = adjusted.map((a) => (a === null ? null : a <= level));
  const numberRejected = rejected.filter((r) => r === true).length;
  return {
    ...family,
    adjusted,
    rejected,
    numberRejected,
    statement: `${procedure} across ${m} tests (${discrete ? `${attainable}; smallest attainable adjusted p ${format(smallestAttainableAdjusted)}` : attainable}): ${numberRejected} with adjusted p <= ${level}`,
  };
}

