import { describe, expect, it } from "vitest";
import { MultipleTestingInputError, adjustFamily, pAdjust } from "../src/index.js";
import { permutations, spearmanExact } from "./spearmanNull.js";

// Exact Spearman at n = 5 without ties (brute force over the 120 permutations): smallest attainable p 2/120.
const perms = permutations(5);
const perfect = spearmanExact([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], perms);
const weak = spearmanExact([1, 2, 3, 4, 5], [2, 1, 4, 5, 3], perms);

describe("adjustFamily", () => {
  it("50 perfect n = 5 Spearman correlations among 120: BH (auto) rejects all 50, adjusted p = 120 (2/120) / 50", () => {
    expect(perfect.pValue).toBeCloseTo(2 / 120, 15);
    const tests = [...Array.from({ length: 50 }, () => perfect), ...Array.from({ length: 70 }, () => weak)].map((t) => ({ pValue: t.pValue, support: t.support }));
    const family = adjustFamily(tests);
    expect(family.procedure).toBe("BH");
    expect(family.canReject).toBe(true);
    expect(family.numberRejected).toBe(50);
    expect(family.adjusted[0]).toBeCloseTo((120 * (2 / 120)) / 50, 14);
    expect(family.adjusted).toEqual(pAdjust(tests.map((t) => t.pValue), "BH"));
    expect(family.smallestAttainable).toBeCloseTo(2 / 120, 15);
    expect(family.statement).toMatch(/smallest attainable p 0.0167 \(exact tests\).*50 with adjusted p <= 0.05/);
  });

  it("the same family under DBH step-down cannot reject and says so instead of printing 1s", () => {
    const tests = [...Array.from({ length: 50 }, () => perfect), ...Array.from({ length: 70 }, () => weak)].map((t) => ({ pValue: t.pValue, support: t.support }));
    const family = adjustFamily(tests, { method: "dbh" });
    expect(family.procedure).toBe("DBH-SD");
    expect(family.canReject).toBe(false);
    // xi_SD(2/120) / 1 = 120 (1/60) / (1 - 1/60) = 120/59 > 1: the step-down stops at the first test.
    expect(family.smallestAttainableAdjusted).toBeCloseTo(1, 14);
    expect(family.adjusted.every((a) => a === null)).toBe(true);
    expect(family.statement).toMatch(/cannot reject at 0.05/);
  });

  it("a family that can reject only in the best case: BH on 10 tests whose smallest attainable p is 2/120", () => {
    const tests = Array.from({ length: 10 }, () => ({ pValue: weak.pValue, support: weak.support }));
    const family = adjustFamily(tests);
    expect(family.canReject).toBe(true);
    expect(family.smallestAttainableAdjusted).toBeCloseTo(2 / 120, 15);
    expect(family.numberRejected).toBe(0);
  });

  it("continuous families: smallest attainable p 0, BH; p.adjust methods by name; missing p-values stay null", () => {
    const family = adjustFamily([{ pValue: 0.01, support: null }, { pValue: null, support: null }, { pValue: 0.04, support: null }], { method: "holm", level: 0.1 });
    expect(family.smallestAttainable).toBe(0);
    expect(family.m).toBe(2);
    expect(family.adjusted).toEqual(pAdjust([0.01, null, 0.04], "holm"));
    expect(family.rejected).toEqual([true, null, true]);
  });

  it("unknown options and methods are input errors", () => {
    expect(() => adjustFamily([], { alpha: 0.1 } as never)).toThrow(MultipleTestingInputError);
    expect(() => adjustFamily([], { method: "fdr" } as never)).toThrow(MultipleTestingInputError);
    expect(() => adjustFamily([], { level: 1 })).toThrow(MultipleTestingInputError);
  });
});
