import { MultipleTestingInputError } from "../errors.js";

/** One test with a discrete null distribution: its observed p-value and every attainable p-value. */
export interface DiscreteTest {
  /** Observed p-value; null or NaN = missing (not counted in m). */
  pValue: number | null;
  /**
   * Attainable p-values of the test's null distribution, ascending, ending at 1; null for a test with a
   * continuous (uniform) null p-value, e.g. an asymptotic or permutation p-value: F(t) = t.
   */
  support: ArrayLike<number> | null;
}

/**
 * Values closer than this (relative) count as equal when a p-value is looked up in a support, so that a
 * p-value computed as 2/720 matches a support value computed as 4/1440.
 */
export const supportTolerance = 1e-12;

/**
 * Null CDF of an exact discrete p-value with support A (Doehler, Durand & Roquain 2018, section 2):
 * P(p <= t) = F(t) = max{a in A : a <= t}, and F(t) = 0 below min A; F(t) = t for a continuous null (null).
 */
export function nullCdf(support: Float64Array | null, t: number): number {
  if (support === null) return Math.min(Math.max(t, 0), 1);
  const limit = t + supportTolerance * t;
  let lo = 0;
  let hi = support.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (support[mid] <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : support[lo - 1];
}

/** The tests' distinct supports with how many tests share each, plus each test's support index. */
export interface SupportGroups {
  /** Distinct supports; null (at most once) for the tests with a continuous null. */
  supports: (Float64Array | null)[];
  counts: Float64Array;
  /** Per present test (in `pValues` order): index into `supports`. */
  groupOf: Int32Array;
  /** Present p-values, each snapped to the support value it matches. */
  pValues: Float64Array;
  /** Input positions of the present tests. */
  positions: Int32Array;
  /** Number of input tests (present or not). */
  length: number;
}

/** Validates the tests, snaps each p-value onto its support and pools identical supports. */
export function groupSupports(tests: readonly DiscreteTest[]): SupportGroups {
  const byKey = new Map<string, number>();
  const supports: (Float64Array | null)[] = [];
  const counts: number[] = [];
  const groupOf: number[] = [];
  const pValues: number[] = [];
  const positions: number[] = [];
  tests.forEach((test, index) => {
    const p = test.pValue;
    if (p === null || p === undefined || Number.isNaN(p)) return;
    if (!(p >= 0 && p <= 1)) throw new MultipleTestingInputError(`test ${index + 1}: p-value ${p} is not in [0, 1]`);
    const support = test.support === null ? null : validSupport(test.support, index);
    const snapped = support === null ? p : support.find((a) => Math.abs(a - p) <= supportTolerance * Math.max(a, p));
    if (snapped === undefined) {
      throw new MultipleTestingInputError(`test ${index + 1}: p-value ${p} is not one of its support's attainable values`);
    }
    const key = support === null ? "continuous" : Array.from(support, (a) => a.toPrecision(15)).join(",");
    let group = byKey.get(key);
    if (group === undefined) {
      group = supports.length;
      byKey.set(key, group);
      supports.push(support);
      counts.push(0);
    }
    counts[group]++;
    groupOf.push(group);
    pValues.push(snapped);
    positions.push(index);
  });
  return {
    supports,
    counts: Float64Array.from(counts),
    groupOf: Int32Array.from(groupOf),
    pValues: Float64Array.from(pValues),
    positions: Int32Array.from(positions),
    length: tests.length,
  };
}

function validSupport(values: ArrayLike<number>, index: number): Float64Array {
  const support = Float64Array.from(values);
  const n = support.length;
  let ok = n > 0 && support[0] > 0;
  for (let k = 1; k < n && ok; k++) ok = support[k] > support[k - 1];
  if (!ok || Math.abs(support[n - 1] - 1) > supportTolerance) {
    throw new MultipleTestingInputError(
      `test ${index + 1}: the support must be strictly increasing attainable p-values in (0, 1] ending at 1`,
    );
  }
  support[n - 1] = 1;
  return support;
}

/**
 * All attainable values of all tests, ascending, values within the tolerance merged. Tests with a continuous
 * null contribute their observed p-values (and 1): the procedures only compare observed p-values with
 * critical values, so these candidates decide every rejection exactly.
 */
export function pooledSupport(groups: SupportGroups): Float64Array {
  const values: number[] = [];
  for (const s of groups.supports) if (s !== null) for (const a of s) values.push(a);
  if (groups.supports.includes(null)) {
    values.push(1);
    groups.pValues.forEach((p, i) => {
      if (groups.supports[groups.groupOf[i]] === null && p > 0) values.push(p);
    });
  }
  const all = Float64Array.from(values).sort();
  const out: number[] = [];
  for (const a of all) if (out.length === 0 || a - out[out.length - 1] > supportTolerance * a) out.push(a);
  return Float64Array.from(out);
}
