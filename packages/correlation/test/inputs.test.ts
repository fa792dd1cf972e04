import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  changeFromBaselineCorrelation,
  clearSpearmanNullCache,
  correlationMatrix,
  correlationTest,
  CorrelationInputError,
  perVisitCorrelation,
  repeatedMeasuresCorrelation,
  spearmanTest,
} from "../src/index.js";

describe("degenerate inputs give estimate null with a reason", () => {
  for (const method of ["spearman", "pearson", "kendall"] as const) {
    it(`${method}: constant column, n < 3 and all-censored`, () => {
      const constant = correlationTest([1, 2, 3, 4], [5, 5, 5, 5], { method });
      expect(constant.estimate).toBeNull();
      expect(constant.pValue).toBeNull();
      expect(constant.reason).toBe("y is constant");
      const short = correlationTest([1, null, 3], [2, 4, null], { method });
      expect(short.n).toBe(1);
      expect(short.reason).toMatch(/at least 3/);
      const censored = correlationTest([null, null, null, null], [1, 2, 3, 4], { method, censoredX: [true, true, true, true] });
      expect(censored.estimate).toBeNull();
      expect(censored.reason).toMatch(/censored/);
    });
  }

  it("rmcorr without within-subject variation or with df < 1 gives null with a reason", () => {
    expect(repeatedMeasuresCorrelation(["a", "a", "b", "b"], [1, 1, 2, 2], [1, 2, 3, 4]).reason).toMatch(/x does not vary/);
    expect(repeatedMeasuresCorrelation(["a", "a", "b"], [1, 2, 3], [1, 2, 3]).reason).toMatch(/df/);
  });

  it("mismatched lengths are input errors", () => {
    expect(() => correlationTest([1, 2, 3], [1, 2])).toThrow(CorrelationInputError);
  });
});

describe("censored values (below the LLOQ) rank as ties at the bottom", () => {
  it("equals the test with the censored values replaced by one common value below all others", () => {
    const x = [null, 2.1, null, 3.3, 0.9, 4.2, 5.0];
    const censoredX = [true, false, true, false, false, false, false];
    const y = [1, 3, 2, 5, 4, 6, 7];
    const withMask = spearmanTest(x, y, { censoredX });
    const substituted = spearmanTest([-99, 2.1, -99, 3.3, 0.9, 4.2, 5.0], y);
    expect(withMask.estimate).toBe(substituted.estimate);
    expect(withMask.pValue).toBe(substituted.pValue);
    expect(withMask.pValueMethod).toBe("exact-conditional");
  });
});

describe("seeded permutation p", () => {
  const x = [0.3, -1.2, 2.2, 0.8, -0.4, 1.5, -2.0, 0.1, 1.1, -0.7, 0.5, 0.6];
  const y = [0.9, -0.1, 1.4, 0.2, -1.1, 2.5, -0.6, -0.3, 0.4, 0.7, 0.7, 0.1];

  it("is reproducible for a seed, has the +1 correction, and agrees with the exact p within 4 SE", () => {
    const exact = spearmanTest(x, y);
    const a = spearmanTest(x, y, { pValue: "permutation", permutations: 20_000, seed: 42 });
    const b = spearmanTest(x, y, { pValue: "permutation", permutations: 20_000, seed: 42 });
    expect(a.pValue).toBe(b.pValue);
    expect(a.pValueMethod).toBe("permutation");
    expect(a.permutations).toBe(20_000);
    const p = exact.pValue!;
    expect(Math.abs(a.pValue! - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / 20_000) + 1 / 20_001);
    // Perfect correlation: no draw reaches it with high probability, and p is still >= 1/(B + 1).
    const perfect = spearmanTest(x, x, { pValue: "permutation", permutations: 999 });
    expect(perfect.pValue).toBeGreaterThanOrEqual(1 / 1000);
  });

  it("a Monte Carlo p does not depend on which pairs were computed before (cache order)", () => {
    clearSpearmanNullCache();
    const fresh = spearmanTest(y, x, { pValue: "permutation", permutations: 999, seed: 5 });
    clearSpearmanNullCache();
    spearmanTest(x, y, { pValue: "permutation", permutations: 999, seed: 5 });
    const afterSwap = spearmanTest(y, x, { pValue: "permutation", permutations: 999, seed: 5 });
    const again = spearmanTest(y, x, { pValue: "permutation", permutations: 999, seed: 5 }); // sorted-sample path
    expect(afterSwap.pValue).toBe(fresh.pValue);
    expect(again.pValue).toBe(fresh.pValue);
  });

  it("auto falls back to permutation for ties when exact enumeration is over budget", () => {
    const n = 40;
    const xs = Array.from({ length: n }, (_, i) => Math.floor(i / 2));
    const ys = Array.from({ length: n }, (_, i) => (i * 7) % 13);
    const result = spearmanTest(xs, ys, { seed: 3 });
    expect(result.pValueMethod).toBe("permutation");
  });
});

describe("properties", () => {
  const sample = fc.integer({ min: 4, max: 8 }).chain((n) =>
    fc.tuple(
      fc.array(fc.integer({ min: 0, max: 5 }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: 0, max: 5 }), { minLength: n, maxLength: n }),
    ),
  );

  it("spearman is symmetric in x and y (estimate and exact p)", () => {
    fc.assert(
      fc.property(sample, ([x, y]) => {
        const xy = spearmanTest(x, y);
        const yx = spearmanTest(y, x);
        expect(yx.estimate).toBe(xy.estimate);
        expect(yx.pValue).toBe(xy.pValue);
      }),
      { numRuns: 100 },
    );
  });

  it("spearman and kendall are invariant to strictly increasing transforms", () => {
    fc.assert(
      fc.property(sample, ([x, y]) => {
        for (const method of ["spearman", "kendall"] as const) {
          const plain = correlationTest(x, y, { method });
          const transformed = correlationTest(x.map((v) => Math.exp(v) + v ** 3), y, { method });
          expect(transformed.estimate).toBe(plain.estimate);
          expect(transformed.pValue).toBe(plain.pValue);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("reversing y negates rho and keeps the exact two-sided p", () => {
    fc.assert(
      fc.property(sample, ([x, y]) => {
        const plain = spearmanTest(x, y);
        const reversed = spearmanTest(x, y.map((v) => -v));
        if (plain.estimate === null) return;
        expect(reversed.estimate).toBeCloseTo(-plain.estimate, 14);
        expect(reversed.pValue).toBe(plain.pValue);
      }),
      { numRuns: 100 },
    );
  });
});

describe("longitudinal and matrix modes", () => {
  const data = {
    subject: ["a", "a", "a", "b", "b", "b", "c", "c", "c", "d", "d", "d"],
    visit: [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2],
    x: [1, 3, 2, 2, 2, 5, 4, 9, 6, 3, 1, 0],
    y: [10, 12, 11, 8, 7, 12, 6, 14, 9, 9, 5, 4],
  };

  it("change from baseline at one visit correlates the per-subject deltas", () => {
    const { deltas, result } = changeFromBaselineCorrelation(data, { baselineVisit: 0, visit: 1, method: "pearson" });
    const obs = (value: number) => ({ kind: "observed", value });
    expect(deltas.map((d) => [d.subject, d.deltaX, d.deltaY, d.used])).toEqual([
      ["a", obs(2), obs(2), true],
      ["b", obs(0), obs(-1), true],
      ["c", obs(5), obs(8), true],
      ["d", obs(-2), obs(-4), true],
    ]);
    const direct = correlationTest([2, 0, 5, -2], [2, -1, 8, -4], { method: "pearson" });
    expect(result.estimate).toBe(direct.estimate);
    expect(result.pValue).toBe(direct.pValue);
  });

  it("change from baseline over all visits with rmcorr uses every post-baseline delta", () => {
    const { deltas, result } = changeFromBaselineCorrelation(data, { baselineVisit: 0, method: "rmcorr" });
    expect(deltas).toHaveLength(8);
    expect(result.method).toBe("rmcorr");
    expect(result.df).toBe(8 - 4 - 1);
  });

  it("a change to a value below the LLOQ is 'at most limit - baseline' and Spearman ranks it tied at the bottom", () => {
    // Subject d's x at visit 1 is below the limit 0.5: delta = at most 0.5 - 3 = -2.5, below every observed delta.
    const censoredX = data.x.map((_, i) => i === 10);
    const x = data.x.map((v, i) => (i === 10 ? 0.5 : v));
    const { deltas, censoring, result } = changeFromBaselineCorrelation({ ...data, x, censoredX }, { baselineVisit: 0, visit: 1 });
    expect(deltas[3].deltaX).toEqual({ kind: "at-most", bound: -2.5 });
    expect(censoring).toEqual({ tiedBelow: 1, tiedAbove: 0, leftOut: 0 });
    // Its rank equals that of the observed -2 it replaced (the lowest): same rho.
    expect(result.n).toBe(4);
    expect(result.estimate).toBe(spearmanTest([2, 0, 5, -2], [2, -1, 8, -4]).estimate);
    // Pearson has no number for it: left out and counted.
    const pearson = changeFromBaselineCorrelation({ ...data, x, censoredX }, { baselineVisit: 0, visit: 1, method: "pearson" });
    expect(pearson.result.n).toBe(3);
    expect(pearson.censoring.leftOut).toBe(1);
  });

  it("a censored change whose bound overlaps the observed changes is left out and counted", () => {
    // Limit 4 at d's visit 1: delta at most 4 - 3 = 1, not below the observed 0 and -1.
    const censoredX = data.x.map((_, i) => i === 10);
    const x = data.x.map((v, i) => (i === 10 ? 4 : v));
    const { censoring, result } = changeFromBaselineCorrelation({ ...data, x, censoredX }, { baselineVisit: 0, visit: 1 });
    expect(censoring).toEqual({ tiedBelow: 0, tiedAbove: 0, leftOut: 1 });
    expect(result.n).toBe(3);
  });

  it("takes the baseline rule of @biomarker/schema: the mean of two pre-dose visits", () => {
    const { deltas } = changeFromBaselineCorrelation(data, { baseline: { kind: "mean", visits: ["0", "1"] }, visit: 2 });
    expect(deltas[0].deltaX).toEqual({ kind: "observed", value: 2 - (1 + 3) / 2 });
    expect(() => changeFromBaselineCorrelation(data, { baseline: { kind: "median" } as never })).toThrow(CorrelationInputError);
    expect(() => changeFromBaselineCorrelation(data, {})).toThrow(/a baseline is needed/);
  });

  it("per-visit correlation gives one cross-sectional result per visit", () => {
    const results = perVisitCorrelation(data);
    expect(results.map((r) => r.visit)).toEqual(["0", "1", "2"]);
    expect(results[0].result.estimate).toBe(spearmanTest([1, 2, 4, 3], [10, 8, 6, 9]).estimate);
  });

  it("matrix mode returns one row per feature x clinical variable, equal to single calls", () => {
    const rows = correlationMatrix(
      { x: { f1: data.x, f2: data.y.map((v, i) => v * (i % 3)) }, y: { sledai: data.y, c3: data.x.map((v) => -v) } },
      { method: "spearman" },
    );
    expect(rows.map((r) => `${r.x}~${r.y}`)).toEqual(["f1~sledai", "f1~c3", "f2~sledai", "f2~c3"]);
    const single = spearmanTest(data.x, data.y);
    expect(rows[0].estimate).toBe(single.estimate);
    expect(rows[0].pValue).toBe(single.pValue);
    expect(rows[1].estimate).toBe(-1);
    expect(rows.every((r) => r.pAdjusted === null)).toBe(true);
  });

  it("matrix mode applies the adjust callback across the whole table, keeping undefined p as null", () => {
    const bonferroni = (p: (number | null)[]) => p.map((v) => (v === null ? null : Math.min(1, v * p.length)));
    const rows = correlationMatrix(
      { x: { f1: data.x, flat: data.x.map(() => 1) }, y: { sledai: data.y } },
      { adjust: bonferroni },
    );
    expect(rows[0].pAdjusted).toBe(Math.min(1, rows[0].pValue! * 2));
    expect(rows[1].reason).toBe("x is constant");
    expect(rows[1].pAdjusted).toBeNull();
  });
});
