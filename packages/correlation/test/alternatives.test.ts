import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Alternative, correlationTest, CorrelationInputError, pearsonTest, spearmanTest } from "../src/index.js";

/** R's cor.test with alternative = "less" / "greater", from scripts/r-reference/peer-cases.R. */
const reference = JSON.parse(readFileSync(join(import.meta.dirname, "fixtures", "alternatives-r.json"), "utf8"));
const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const alternativeOf = (r: string): Alternative => r as Alternative;

describe("one-sided alternatives match R's cor.test", () => {
  for (const c of reference.cases) {
    const request = c.exact === true ? "exact" : c.exact === false ? "asymptotic" : "auto";
    it(`${c.method} ${c.alternative} (${request}) p-value and interval to 1e-12`, () => {
      const r = correlationTest(c.x, c.y, { method: c.method, alternative: alternativeOf(c.alternative), pValue: request });
      expect(relative(r.estimate as number, c.estimate)).toBeLessThan(1e-12);
      expect(relative(r.pValue as number, c.pValue)).toBeLessThan(1e-12);
      if (c.ciLower !== undefined && c.ciLower !== null) {
        expect(relative(r.ciLower as number, c.ciLower)).toBeLessThan(1e-12);
        expect(relative(r.ciUpper as number, c.ciUpper)).toBeLessThan(1e-12);
      }
    });
  }

  it("with ties, 'auto' gives R's asymptotic one-sided p (the exact conditional null is two-sided only)", () => {
    for (const c of reference.cases.filter((k: { exact: boolean | null; alternative: string }) => k.exact === false && k.alternative !== "two.sided")) {
      const r = correlationTest(c.x, c.y, { method: c.method, alternative: alternativeOf(c.alternative) });
      expect(relative(r.pValue as number, c.pValue)).toBeLessThan(1e-12);
    }
  });

  it("an explicit exact or permutation request for tied data with a one-sided alternative is an input error", () => {
    const x = [1, 2, 2, 3, 4, 5];
    const y = [2, 1, 3, 3, 5, 4];
    expect(() => spearmanTest(x, y, { alternative: "greater", pValue: "exact" })).toThrow(CorrelationInputError);
    expect(() => spearmanTest(x, y, { alternative: "less", pValue: "permutation" })).toThrow(CorrelationInputError);
    expect(() => correlationTest(x, y, { method: "kendall", alternative: "less", pValue: "exact" })).toThrow(CorrelationInputError);
  });
});

describe("Pearson at extreme magnitudes", () => {
  for (const c of reference.extreme) {
    it(`r of data scaled by ${c.scale} equals R's r of the unscaled data to 1e-14`, () => {
      const x = c.x.map((v: number) => v * c.scale);
      const y = c.y.map((v: number) => v * c.scale);
      const r = pearsonTest(x, y);
      expect(relative(r.estimate as number, c.estimate)).toBeLessThan(1e-14);
      expect(r.pValue).not.toBeNull();
    });
  }
});
