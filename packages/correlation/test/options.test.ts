import { UnknownOptionError } from "@biomarker/numerics";
import { describe, expect, it } from "vitest";
import {
  changeFromBaselineCorrelation,
  correlationMatrix,
  correlationTest,
  kendallTest,
  pearsonTest,
  perVisitCorrelation,
  repeatedMeasuresCorrelation,
  spearmanTest,
} from "../src/index.js";

const x = [1.2, 3.4, 2.2, 5.1, 4.4, 6.0];
const y = [2.0, 2.9, 3.5, 4.1, 5.6, 5.2];
const bad = { alternativ: "less" } as object;

describe("public functions reject unknown option keys and values", () => {
  it("the bivariate tests: an unknown key and an unknown value throw UnknownOptionError", () => {
    for (const test of [correlationTest, spearmanTest, pearsonTest, kendallTest]) {
      expect(() => test(x, y, bad)).toThrow(UnknownOptionError);
      expect(() => test(x, y, { alternative: "two-sided" as "two.sided" })).toThrow(/alternative = "two-sided" is not valid; use "two.sided", "less", "greater"/);
    }
    expect(() => correlationTest(x, y, { method: "Pearson" as "pearson" })).toThrow(UnknownOptionError);
  });

  it("kendallTest(x, y, { alternative }) no longer returns the two-sided p", () => {
    const two = kendallTest(x, y).pValue as number;
    const greater = kendallTest(x, y, { alternative: "greater" }).pValue as number;
    expect(greater).toBeLessThan(two);
  });

  it("rmcorr, matrix and longitudinal helpers check their options too", () => {
    const subject = ["a", "a", "a", "b", "b", "b"];
    expect(() => repeatedMeasuresCorrelation(subject, x, y, { level: 0.9 } as object)).toThrow(UnknownOptionError);
    expect(() => correlationMatrix({ x: { x }, y: { y } }, { method: "rmcor" as "rmcorr" })).toThrow(UnknownOptionError);
    const data = { subject, visit: [0, 1, 2, 0, 1, 2], x, y };
    expect(() => changeFromBaselineCorrelation(data, { baselineVisit: 0, baseline: 0 } as never)).toThrow(UnknownOptionError);
    expect(() => perVisitCorrelation(data, bad)).toThrow(UnknownOptionError);
  });
});
