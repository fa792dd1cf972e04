import type { CensoredNumber } from "./censoredNumber.js";

/** Order-preserving codes of censored numbers for a rank statistic (Spearman on changes). */
export interface RankCodes {
  /** A number per input whose ranks are those the rule gives; null = left out of the rank statistic. */
  codes: (number | null)[];
  /** Censored values tied below every other value, and tied above every other value. */
  tiedBelow: number;
  tiedAbove: number;
  /** Censored values left out because their bound does not order them, and unknown ones. */
  leftOut: number;
}

/**
 * Ranks with censored values, without imputing them. An "at most b" value ranks below a value v for
 * certain when b <= v; it enters tied with the other bottom values (the same mid-rank) when its bound
 * is at most every observed value and every "at least" bound, and is left out (counted) otherwise. "At
 * least" values mirror this at the top; unknown and missing values are left out. The codes are any
 * numbers with those ranks: observed values as they are, the bottom tie at min - 1 and the top tie at
 * max + 1 of all finite values and bounds, so only ranks (never the codes) carry meaning.
 */
export function rankCodes(values: readonly CensoredNumber[]): RankCodes {
  const finite: number[] = [];
  let minObserved = Infinity;
  let maxObserved = -Infinity;
  let minAtLeast = Infinity;
  let maxAtMost = -Infinity;
  for (const v of values) {
    if (v.kind === "observed") {
      finite.push(v.value);
      minObserved = Math.min(minObserved, v.value);
      maxObserved = Math.max(maxObserved, v.value);
    } else if (v.kind === "at-most") {
      finite.push(v.bound);
      maxAtMost = Math.max(maxAtMost, v.bound);
    } else if (v.kind === "at-least") {
      finite.push(v.bound);
      minAtLeast = Math.min(minAtLeast, v.bound);
    }
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of finite) {
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  const below = lo - 1;
  const above = hi + 1;
  let tiedBelow = 0;
  let tiedAbove = 0;
  let leftOut = 0;
  const codes = values.map((v): number | null => {
    switch (v.kind) {
      case "observed": return v.value;
      case "at-most":
        if (v.bound <= minObserved && v.bound <= minAtLeast) {
          tiedBelow++;
          return below;
        }
        leftOut++;
        return null;
      case "at-least":
        if (v.bound >= maxObserved && v.bound >= maxAtMost) {
          tiedAbove++;
          return above;
        }
        leftOut++;
        return null;
      case "unknown":
        leftOut++;
        return null;
      case "missing": return null;
    }
  });
  return { codes, tiedBelow, tiedAbove, leftOut };
}
