import { createRandomStream } from "@biomarker/numerics";
import { describe, expect, it } from "vitest";
import { discreteBH, heyseAdjust, pAdjust, type DiscreteTest } from "../src/index.js";
import { maxRelativeError, rFixture } from "./fixtures.js";
import { permutations, spearmanExact } from "./spearmanNull.js";

/**
 * Brute-force oracle written from the definitions in Doehler, Durand & Roquain (2018), eqs. 10-11 and the
 * adaptive sums of section 3.3: F_i by a linear scan of the support, every critical value by scanning the
 * whole pooled support, rejections by the step-up / step-down rules.
 */
function oracle(tests: DiscreteTest[], alpha: number, stepUp: boolean, adaptive: boolean) {
  const m = tests.length;
  // A continuous test (support null) has F(t) = t and adds its observed p-value (and 1) to the candidates.
  const F = (i: number, t: number) => {
    const support = tests[i].support;
    return support === null ? t : Math.max(0, ...Array.from(support).filter((a) => a <= t));
  };
  const candidates = tests.flatMap((test) => (test.support === null ? [test.pValue as number, 1] : Array.from(test.support)));
  const pooled = [...new Set(candidates)].sort((a, b) => a - b);
  const sum = (t: number, k: number, denominator: (i: number) => number) => {
    const terms = tests.map((_, i) => F(i, t) / (1 - denominator(i))).sort((a, b) => b - a);
    return terms.slice(0, adaptive ? m - k + 1 : m).reduce((a, b) => a + b, 0);
  };
  const sd = (t: number, k: number) => sum(t, k, (i) => F(i, t));
  const tauM = Math.max(0, ...pooled.filter((t) => sum(t, 1, (i) => F(i, t)) <= alpha * m));
  const crit = Array.from({ length: m }, (_, j) => {
    const k = j + 1;
    const ok = stepUp
      ? pooled.filter((t) => t <= tauM && sum(t, k, (i) => F(i, tauM)) <= alpha * k)
      : pooled.filter((t) => sd(t, k) <= alpha * k);
    return Math.max(0, ...ok);
  });
  const sorted = tests.map((t) => t.pValue as number).sort((a, b) => a - b);
  let r = 0;
  if (stepUp) {
    for (let k = 1; k <= m; k++) if (sorted[k - 1] <= crit[k - 1]) r = k;
  } else {
    while (r < m && sorted[r] <= crit[r]) r++;
  }
  const rejected = tests.map((t) => r > 0 && (t.pValue as number) <= sorted[r - 1]);
  let running = 0;
  const adjustedSorted = sorted.map((p, j) => (running = Math.max(running, Math.min(1, sd(p, j + 1) / (j + 1)))));
  return { crit, rejected, adjustedSorted, sorted };
}

/**
 * Random heterogeneous discrete tests: each support a random subset of a grid, ending at 1; with
 * `continuousShare` > 0 some tests instead have a continuous null (support null) and a uniform-ish p-value.
 */
function randomTests(seed: number, m: number, continuousShare = 0): DiscreteTest[] {
  const stream = createRandomStream(seed);
  return Array.from({ length: m }, () => {
    if (stream.nextDouble() < continuousShare) return { pValue: stream.nextDouble() ** 3, support: null };
    const size = 1 + stream.nextInt(6);
    const values = new Set<number>([1]);
    while (values.size < size + 1) values.add((1 + stream.nextInt(60)) / 400);
    const support = [...values].sort((a, b) => a - b);
    return { pValue: support[stream.nextInt(Math.min(3, support.length))], support };
  });
}

describe("discreteBH", () => {
  it("hand-worked example: supports {0.2, 1} and {0.05, 0.3, 1}, p = (0.2, 0.05), alpha = 0.1", () => {
    const tests = [
      { pValue: 0.2, support: [0.2, 1] },
      { pValue: 0.05, support: [0.05, 0.3, 1] },
    ];
    // xi_SD(0.05) = 0.05/0.95 = 1/19; xi_SD(0.2) = 0.2/0.8 + 1/19 = 23/76 > 0.2, so tau = (0.05, 0.05).
    const sd = discreteBH(tests, { alpha: 0.1, direction: "step-down" });
    expect(Array.from(sd.criticalValues)).toEqual([0.05, 0.05]);
    expect(sd.rejected).toEqual([false, true]);
    expect(maxRelativeError(sd.adjusted!, [23 / 152, 1 / 19])).toBeLessThan(1e-15);
    const su = discreteBH(tests, { alpha: 0.1, direction: "step-up" });
    expect(Array.from(su.criticalValues)).toEqual([0.05, 0.05]);
    expect(su.rejected).toEqual([false, true]);
    expect(su.adjusted).toBeNull();
    // Heyse: sum_i F_i(p_(j)) / j = 0.05 / 1 and 0.25 / 2.
    expect(maxRelativeError(heyseAdjust(tests), [0.125, 0.05])).toBeLessThan(1e-15);
  });

  it("reproduces the DBH step-down toy example of the DiscreteFDR vignette (Fisher exact tests) to 1e-8", () => {
    const tests = rFixture.fisherToy;
    // Raw p-values, critical values and adjusted p-values as printed (8 decimals) in DiscreteFDR's toy example.
    const printedP = [0.12476691, 0.49984639, 1, 0.01243145, 0.28849298, 0.02126871, 0.68723229, 0.22135177, 0.60329543];
    tests.forEach((t, i) => expect(Math.abs(t.pValue - printedP[i])).toBeLessThan(5e-9));
    const sd = discreteBH(tests, { alpha: 0.05, direction: "step-down" });
    const printedCritical = [0.01243145, 0.02832448, 0.03109596, 0.04839433, 0.05014119, 0.07657062, 0.07657062, 0.10328523, 0.10328523];
    Array.from(sd.criticalValues).forEach((c, k) => expect(Math.abs(c - printedCritical[k])).toBeLessThan(5e-9));
    const printedAdjusted = [0.25630985, 1, 1, 0.03819796, 0.51482782, 0.03819796, 1, 0.47895996, 1];
    sd.adjusted!.forEach((a, i) => expect(Math.abs((a as number) - printedAdjusted[i])).toBeLessThan(5e-9));
    expect(sd.numberRejected).toBe(2);
    expect(sd.rejected).toEqual([false, false, false, true, false, true, false, false, false]);
    // The continuous BH procedure rejects nothing here.
    expect(pAdjust(tests.map((t) => t.pValue), "BH").filter((q) => (q as number) <= 0.05).length).toBe(0);
  });

  for (const stepUp of [true, false]) {
    for (const adaptive of [false, true]) {
      it(`${adaptive ? "A" : ""}DBH-${stepUp ? "SU" : "SD"} equals a brute-force implementation of its definition on 80 random heterogeneous problems (half with continuous tests mixed in)`, () => {
        let rejections = 0;
        for (let seed = 1; seed <= 80; seed++) {
          const tests = randomTests(seed, 2 + (seed % 9), seed > 40 ? 0.3 : 0);
          for (const alpha of [0.05, 0.2]) {
            const expected = oracle(tests, alpha, stepUp, adaptive);
            const result = discreteBH(tests, { alpha, direction: stepUp ? "step-up" : "step-down", adaptive });
            expect(Array.from(result.criticalValues), `seed ${seed}`).toEqual(expected.crit);
            expect(result.rejected, `seed ${seed}`).toEqual(expected.rejected);
            rejections += result.numberRejected;
            if (!stepUp) {
              const adjustedSorted = (result.adjusted as number[]).slice().sort((a, b) => a - b);
              expect(maxRelativeError(adjustedSorted, expected.adjustedSorted), `seed ${seed}`).toBeLessThan(1e-14);
            }
          }
        }
        expect(rejections).toBeGreaterThan(20); // the comparison is not vacuous
      });
    }
  }

  it("DBH-SU and DBH-SD critical values equal a direct evaluation on every attainable value for 80 tests with distinct supports", () => {
    const stream = createRandomStream(99);
    const tests: DiscreteTest[] = Array.from({ length: 80 }, () => {
      const values = new Set<number>([1]);
      const size = 5 + stream.nextInt(25);
      while (values.size < size) values.add(Math.exp(-9 * stream.nextDouble()));
      const support = [...values].sort((a, b) => a - b);
      return { pValue: support[stream.nextInt(Math.min(4, support.length))], support };
    });
    const m = tests.length;
    const F = (i: number, t: number) => {
      let f = 0;
      for (const a of tests[i].support as number[]) if (a <= t) f = a;
      return f;
    };
    const pooled = [...new Set(tests.flatMap((t) => Array.from(t.support ?? [])))].sort((a, b) => a - b);
    const xiSD = pooled.map((t) => tests.reduce((s, _, i) => s + F(i, t) / (1 - F(i, t)), 0));
    for (const alpha of [0.05, 0.25]) {
      const tauM = Math.max(0, ...pooled.filter((_, j) => xiSD[j] <= alpha * m));
      const xiSU = pooled.map((t) => tests.reduce((s, _, i) => s + F(i, t) / (1 - F(i, tauM)), 0));
      const expectedSD = Array.from({ length: m }, (_, j) => Math.max(0, ...pooled.filter((_, q) => xiSD[q] <= alpha * (j + 1))));
      const expectedSU = Array.from({ length: m }, (_, j) => Math.max(0, ...pooled.filter((t, q) => t <= tauM && xiSU[q] <= alpha * (j + 1))));
      expect(Array.from(discreteBH(tests, { alpha, direction: "step-down" }).criticalValues)).toEqual(expectedSD);
      expect(Array.from(discreteBH(tests, { alpha, direction: "step-up" }).criticalValues)).toEqual(expectedSU);
      expect(new Set(expectedSU).size).toBeGreaterThan(10); // many distinct critical values: the sweep moves
    }
  });

  it("Heyse adjusted p-values equal min_{j >= k} min(1, sum_i F_i(p_(j)) / j) by brute force on 40 random problems", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const tests = randomTests(seed, 2 + (seed % 9));
      const F = (i: number, t: number) => Math.max(0, ...Array.from(tests[i].support ?? []).filter((a) => a <= t));
      const sorted = tests.map((t) => t.pValue as number).sort((a, b) => a - b);
      const raw = sorted.map((p, j) => Math.min(1, tests.reduce((s, _, i) => s + F(i, p), 0) / (j + 1)));
      const expected = raw.map((_, k) => Math.min(...raw.slice(k)));
      const actual = (heyseAdjust(tests) as number[]).slice().sort((a, b) => a - b);
      expect(maxRelativeError(actual, expected), `seed ${seed}`).toBeLessThan(1e-14);
    }
  });

  it("with only continuous tests (support null) Heyse's adjustment is BH's, and a continuous test mixes with discrete ones", () => {
    const p = [0.001, 0.04, 0.03, 0.5, 0.012];
    const continuous = p.map((pValue) => ({ pValue, support: null }));
    expect(maxRelativeError(heyseAdjust(continuous), pAdjust(p, "BH"))).toBeLessThan(1e-15);
    // xi_SD over {continuous p = 0.01, support {0.05, 1}} at t = 0.01: 0.01 / 0.99 + 0 -> adjusted 1/99.
    const mixed = discreteBH([{ pValue: 0.01, support: null }, { pValue: 0.05, support: [0.05, 1] }], { direction: "step-down" });
    expect(mixed.adjusted![0]).toBeCloseTo(1 / 99, 15);
    expect(mixed.adjusted![1]).toBeCloseTo((0.05 / 0.95 + 0.05 / 0.95) / 2, 15);
  });

  it("keeps missing p-values in place and rejects invalid supports with input errors", () => {
    const result = discreteBH([{ pValue: null, support: [1] }, { pValue: 0.01, support: [0.01, 1] }], { direction: "step-down" });
    expect(result.m).toBe(1);
    expect(result.rejected).toEqual([null, true]);
    expect(result.adjusted).toEqual([null, 0.01 / 0.99]);
    expect(() => discreteBH([{ pValue: 0.02, support: [0.01, 1] }])).toThrow(/not one of its support/);
    expect(() => discreteBH([{ pValue: 0.5, support: [0.5, 0.9] }])).toThrow(/ending at 1/);
    expect(() => discreteBH([{ pValue: 0.5, support: [0.5, 1] }], { alpha: 0 })).toThrow(/alpha/);
  });
});

describe("discrete FDR on simulated Spearman tests at n = 6", () => {
  it("the n = 6 Spearman null without ties has 18 attainable two-sided p-values, the smallest 2/720", () => {
    const perms = permutations(6);
    expect(perms.length).toBe(720);
    const { support } = spearmanExact([1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6], perms);
    expect(support.length).toBe(18);
    expect(support[0]).toBe(2 / 720);
    expect(support[support.length - 1]).toBe(1);
  });

  it("DBH makes more true discoveries than BH at alpha = 0.05 (300 features, 30 non-null, censored features)", () => {
    // 6 subjects; a clinical score x; 300 features, the first 30 strongly correlated with x (y = 5x + e).
    // 70 % of the null features (10 % of the non-null ones) have 2-4 values below the LLOQ, tied at the
    // bottom: their conditional permutation null is coarse (smallest attainable p >= 1/15), which DBH exploits.
    const stream = createRandomStream(20240607);
    const perms = permutations(6);
    const x = Array.from({ length: 6 }, () => stream.nextNormal());
    const tests: DiscreteTest[] = [];
    for (let j = 0; j < 300; j++) {
      const nonNull = j < 30;
      let y = x.map((xi) => (nonNull ? 5 * xi : 0) + stream.nextNormal());
      const censor = stream.nextDouble() < (nonNull ? 0.1 : 0.7) ? 2 + stream.nextInt(3) : 0;
      if (censor > 0) {
        const lloq = [...y].sort((a, b) => a - b)[censor - 1];
        y = y.map((v) => (v <= lloq ? lloq : v));
      }
      const { pValue, support } = spearmanExact(x, y, perms);
      tests.push({ pValue, support });
    }
    const alpha = 0.05;
    const trueDiscoveries = (rejected: boolean[]) => rejected.filter((r, j) => r && j < 30).length;
    const falseDiscoveries = (rejected: boolean[]) => rejected.filter((r, j) => r && j >= 30).length;
    const bh = pAdjust(tests.map((t) => t.pValue), "BH").map((q) => (q as number) <= alpha);
    const su = discreteBH(tests, { alpha, direction: "step-up" }).rejected as boolean[];
    const sd = discreteBH(tests, { alpha, direction: "step-down" }).rejected as boolean[];
    const asu = discreteBH(tests, { alpha, direction: "step-up", adaptive: true }).rejected as boolean[];
    const counts = {
      bh: [trueDiscoveries(bh), falseDiscoveries(bh)],
      dbhSU: [trueDiscoveries(su), falseDiscoveries(su)],
      dbhSD: [trueDiscoveries(sd), falseDiscoveries(sd)],
      adbhSU: [trueDiscoveries(asu), falseDiscoveries(asu)],
    };
    expect(trueDiscoveries(su) - trueDiscoveries(bh)).toBeGreaterThanOrEqual(0);
    expect(trueDiscoveries(sd) - trueDiscoveries(bh)).toBeGreaterThanOrEqual(0);
    // [true, false] discoveries. BH needs p_(k) <= 0.05 k / 300 and the smallest attainable p is 2/720, so
    // it would need 17 perfect rank orders; DBH-SU discounts the ~190 tests that cannot reach small p-values.
    // DBH-SD stops at step 1: xi_SD(2/720) over the ~110 fine-support tests exceeds alpha.
    expect(counts).toEqual({ bh: [0, 0], dbhSU: [12, 0], dbhSD: [0, 0], adbhSU: [12, 0] });
  });
});
