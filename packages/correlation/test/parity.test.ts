import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { correlationTest, repeatedMeasuresCorrelation, type PValueRequest } from "../src/index.js";

interface CorTestCase {
  name: string;
  method: "pearson" | "spearman" | "kendall";
  exact: boolean | null;
  x: number[];
  y: number[];
  estimate: number;
  statistic: number;
  statisticName: string;
  pValue: number;
  df: number | null;
  ciLower: number | null;
  ciUpper: number | null;
}
interface RmcorrCase {
  name: string;
  subject: string[];
  x: number[];
  y: number[];
  estimate: number;
  df: number;
  pValue: number;
  ciLower: number;
  ciUpper: number;
}
const fixtures = JSON.parse(readFileSync(new URL("./fixtures/correlation-r.json", import.meta.url), "utf8")) as {
  corTest: CorTestCase[];
  rmcorr: RmcorrCase[];
};

function expectRelative(actual: number | null, expected: number | null, tolerance: number): void {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  const scale = Math.max(Math.abs(expected), 1e-300);
  expect(Math.abs((actual as number) - expected) / scale).toBeLessThanOrEqual(tolerance);
}

function ties(v: number[]): boolean {
  return new Set(v).size < v.length;
}

/** Which of our p-value requests reproduces what R's cor.test computed for this case. */
function rEquivalentRequest(c: CorTestCase): PValueRequest {
  const tied = ties(c.x) || ties(c.y);
  if (c.method === "pearson") return "auto";
  if (c.exact === false || tied) return "asymptotic";
  if (c.method === "spearman" && c.x.length >= 10) return "edgeworth";
  return "auto";
}

describe("cor.test parity", () => {
  for (const c of fixtures.corTest) {
    it(`${c.name}: estimate, statistic, p and CI match R to 1e-10 relative`, () => {
      const result = correlationTest(c.x, c.y, { method: c.method, pValue: rEquivalentRequest(c) });
      expectRelative(result.estimate, c.estimate, 1e-12);
      // R reports S for Spearman, T (exact) or z for Kendall, t for Pearson.
      expect(result.statisticName).toBe(c.statisticName);
      // Absolute below 1: R's S carries float noise (4.4e-15 for a perfect rho) where ours is exactly 0.
      expect(Math.abs((result.statistic as number) - c.statistic)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(c.statistic)));
      expectRelative(result.pValue, c.pValue, 1e-10);
      expect(result.df).toBe(c.df);
      expectRelative(result.ciLower, c.ciLower, 1e-10);
      expectRelative(result.ciUpper, c.ciUpper, 1e-10);
    });
  }

  it("the Hollander & Wolfe example gives R's exact p = 0.0967978395062 with pValueMethod exact", () => {
    const c = fixtures.corTest.find((k) => k.name === "hollander-wolfe-spearman")!;
    const result = correlationTest(c.x, c.y);
    expect(result.pValueMethod).toBe("exact");
    expect(result.statistic).toBe(48);
    expect(result.estimate).toBeCloseTo(0.6, 14);
    expectRelative(result.pValue, 0.0967978395062, 1e-12);
  });

  it("spearman without ties at n >= 10 is exact by default, not R's Edgeworth value", () => {
    for (const c of fixtures.corTest.filter((k) => k.method === "spearman" && /untied-n(10|12|15)-/.test(k.name))) {
      const result = correlationTest(c.x, c.y);
      expect(result.pValueMethod).toBe("exact");
      expect(result.support).not.toBeNull();
    }
  });
});

describe("rmcorr parity (ANCOVA lm(y ~ subject + x) in R)", () => {
  for (const c of fixtures.rmcorr) {
    it(`${c.name}: r, df, p and the Fisher-z CI (n_eff = df + 2) match to 1e-9`, () => {
      const result = repeatedMeasuresCorrelation(c.subject, c.x, c.y);
      expectRelative(result.estimate, c.estimate, 1e-10);
      expect(result.df).toBe(c.df);
      expectRelative(result.pValue, c.pValue, 1e-9);
      expectRelative(result.ciLower, c.ciLower, 1e-10);
      expectRelative(result.ciUpper, c.ciUpper, 1e-10);
    });
  }

  it("bland1995 reproduces the published rmcorr values", () => {
    const c = fixtures.rmcorr.find((k) => k.name === "bland1995")!;
    const result = repeatedMeasuresCorrelation(c.subject, c.x, c.y);
    expect(result.estimate).toBeCloseTo(-0.5067697, 7);
    expect(result.df).toBe(38);
    expect(result.pValue).toBeCloseTo(0.0008471081, 10);
    expect(result.ciLower).toBeCloseTo(-0.7067146, 7);
    expect(result.ciUpper).toBeCloseTo(-0.2318631, 7);
  });
});
