import { describe, expect, it } from "vitest";
import { turnbull, turnbullMedianInterval } from "../src/index.js";

const data = [
  { left: 54, right: 367 }, { left: 28, right: 56 }, { left: 56, right: 84 }, { left: 14, right: 28 }, { left: 84, right: 168 }, { left: 364, right: null },
];

describe("turnbullMedianInterval", () => {
  it("the percentile interval brackets the NPMLE median", () => {
    const ci = turnbullMedianInterval(data, { replicates: 400, seed: 7 });
    const median = turnbull(data).median as number;
    expect(ci.lower).not.toBeNull();
    expect(ci.lower as number).toBeLessThanOrEqual(median);
    expect(ci.upper === null || ci.upper >= median).toBe(true);
  });
  it("is a pure function of the seed", () => {
    expect(turnbullMedianInterval(data, { replicates: 200, seed: 3 })).toEqual(turnbullMedianInterval(data, { replicates: 200, seed: 3 }));
  });
  it("equals the brute-force percentile over all n^n ordered resamples weighted equally when n = 3", () => {
    const small = [{ left: 0, right: 10 }, { left: 10, right: 20 }, { left: 20, right: null }];
    // Enumerate all 27 resamples: the exact bootstrap distribution of the median.
    const medians: number[] = [];
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) for (let c = 0; c < 3; c++) medians.push(turnbull([small[a], small[b], small[c]]).median ?? Infinity);
    medians.sort((x, y) => x - y);
    const exactLower = medians[Math.ceil(27 * 0.025) - 1];
    const ci = turnbullMedianInterval(small, { replicates: 20000, seed: 11 });
    expect(ci.lower).toBe(exactLower);
    expect(ci.upper).toBeNull();
  });
});
