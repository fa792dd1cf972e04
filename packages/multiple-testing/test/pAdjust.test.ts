import { describe, expect, it } from "vitest";
import { pAdjust, pAdjustMethods, type PAdjustMethod } from "../src/index.js";
import { maxRelativeError, rFixture } from "./fixtures.js";

describe("pAdjust", () => {
  it("matches R p.adjust for every method on random vectors with ties and NAs to 1e-14 relative", () => {
    expect(rFixture.padjust.length).toBeGreaterThan(60);
    for (const c of rFixture.padjust) {
      for (const method of pAdjustMethods.filter((m) => m in c.adjusted)) {
        const error = maxRelativeError(pAdjust(c.p, method, c.n), c.adjusted[method]);
        expect(error, `${c.name} ${method}`).toBeLessThanOrEqual(1e-14);
      }
    }
  });

  it("keeps missing values in place and does not count them", () => {
    expect(pAdjust([0.01, null, 0.04, Number.NaN], "bonferroni")).toEqual([0.02, null, 0.08, null]);
    expect(pAdjust([0.01, 0.02, 0.03], "BH")).toEqual([0.03, 0.03, 0.03]);
  });

  it("Hommel matches Wright's definition checked by brute force over all subsets (closed testing with Simes)", () => {
    // Independent oracle: the closed-testing adjusted p-value of H_i is the maximum over all index sets I
    // containing i of the Simes p-value min_k |I| p_(k:I) / k.
    const p = [0.012, 0.03, 0.03, 0.2, 0.0041, 0.5, 0.045, 0.6];
    const n = p.length;
    const expected = p.map((_, i) => {
      let worst = 0;
      for (let mask = 0; mask < 1 << n; mask++) {
        if (!(mask & (1 << i))) continue;
        const subset = p.filter((_, j) => mask & (1 << j)).sort((a, b) => a - b);
        const simes = Math.min(...subset.map((v, k) => (subset.length * v) / (k + 1)));
        worst = Math.max(worst, Math.min(1, simes));
      }
      return worst;
    });
    expect(maxRelativeError(pAdjust(p, "hommel"), expected)).toBeLessThanOrEqual(1e-15);
  });

  it("rejects p-values outside [0, 1] and an n smaller than the number of p-values", () => {
    expect(() => pAdjust([0.2, 1.5], "holm")).toThrow(/p-value 2 is 1.5/);
    expect(() => pAdjust([0.2, -0.1], "holm")).toThrow(/\[0, 1\]/);
    expect(() => pAdjust([0.2, 0.3], "holm", 1)).toThrow(/n = 1/);
    expect(() => pAdjust([0.2], "sidac" as PAdjustMethod)).toThrow(/unknown/);
  });

  it("returns the input for n <= 1 and all nulls for an all-missing input", () => {
    expect(pAdjust([0.3], "hommel")).toEqual([0.3]);
    expect(pAdjust([null, null], "BH")).toEqual([null, null]);
  });
});
