import { normalCdf, normalQuantile } from "@biomarker/numerics";
import { describe, expect, it } from "vitest";
import {
  bootstrap,
  builtinStatistic,
  leaveOneOutInfluence,
  orderStatisticQuantile,
  summarizeBootstrap,
  weightedQuantile,
} from "../src/index.js";
import { medianOfSix, orderedResampleValues, sumOf } from "./support/orderedResamples.js";

describe("quantiles of bootstrap distributions", () => {
  it("order-statistic rule follows boot's norm.inter: exact order statistic, normal-scale interpolation, extremes", () => {
    const sorted = Float64Array.from({ length: 99 }, (_, k) => (k + 1) ** 1.5);
    // (R + 1) alpha = 100 * 0.05 = 5: the 5th order statistic.
    expect(orderStatisticQuantile(sorted, 0.05).value).toBe(sorted[4]);
    // (R + 1) alpha = 2.5: between t_(2) and t_(3) on the normal-quantile scale.
    const z = (p: number) => normalQuantile(p);
    const expected = sorted[1] + ((z(0.025) - z(0.02)) / (z(0.03) - z(0.02))) * (sorted[2] - sorted[1]);
    expect(Math.abs(orderStatisticQuantile(sorted, 0.025).value - expected)).toBeLessThan(1e-12);
    expect(orderStatisticQuantile(sorted, 0.025).extreme).toBe(false);
    // (R + 1) alpha < 1: the smallest value, flagged.
    expect(orderStatisticQuantile(sorted, 0.005)).toEqual({ value: sorted[0], extreme: true });
    expect(orderStatisticQuantile(sorted, 0.995)).toEqual({ value: sorted[98], extreme: true });
  });

  it("weighted quantile is the left-continuous inverse of the discrete distribution function", () => {
    const sorted = Float64Array.from([1, 2, 3, 4]);
    const weights = Float64Array.from([0.1, 0.4, 0.25, 0.25]);
    expect(weightedQuantile(sorted, weights, 0.05).value).toBe(1);
    expect(weightedQuantile(sorted, weights, 0.1).value).toBe(1); // G(1) = 0.1 >= 0.1
    expect(weightedQuantile(sorted, weights, 0.1000001).value).toBe(2);
    expect(weightedQuantile(sorted, weights, 0.5).value).toBe(2);
    expect(weightedQuantile(sorted, weights, 0.75).value).toBe(3);
    expect(weightedQuantile(sorted, weights, 0.975)).toEqual({ value: 4, extreme: true });
  });
});

describe("exact percentile interval", () => {
  it("equals the quantiles of the brute-force distribution over all 6^6 ordered resamples (mean of 6 integers)", () => {
    const x = [3, 9, 1, 14, 6, 2];
    const n = x.length;
    const total = n ** n;
    const sums = orderedResampleValues(x, sumOf); // integer sums: ties between orderings are exact
    sums.sort();
    // G^{-1}(alpha) = smallest value whose cumulative share reaches alpha: sorted[ceil(alpha * total) - 1]
    const quantile = (alpha: number) => sums[Math.ceil(alpha * total - 1e-9) - 1] / n;
    const summary = summarizeBootstrap(bootstrap(builtinStatistic("mean", { x })), 0, 0.9);
    expect(summary.intervals.percentile).toEqual([quantile(0.05), quantile(0.95)]);
    const mean = x.reduce((a, b) => a + b, 0) / n;
    expect(summary.intervals.basic).toEqual([2 * mean - quantile(0.95), 2 * mean - quantile(0.05)]);
  });
});

describe("exact BCa interval", () => {
  it("equals BCa computed on the brute-force distribution of all 6^6 ordered resamples (median, z0 != 0)", () => {
    const x = [0.3, 1.1, 1.4, 2.9, 7.5, 20];
    const n = x.length;
    const total = n ** n;
    const medians = orderedResampleValues(x, medianOfSix);
    medians.sort();
    const t0 = (1.4 + 2.9) / 2;
    const below = medians.filter((m) => m < t0).length / total;
    const z0 = normalQuantile(below);
    // jackknife acceleration, leave-one-out medians of 5 values = the 3rd smallest
    const jack = x.map((_, i) => [...x.slice(0, i), ...x.slice(i + 1)].sort((a, b) => a - b)[2]);
    const jbar = jack.reduce((a, b) => a + b, 0) / n;
    const a = jack.reduce((s, j) => s + (jbar - j) ** 3, 0) / (6 * jack.reduce((s, j) => s + (jbar - j) ** 2, 0) ** 1.5);
    const level = (alpha: number) => {
      const w = z0 + normalQuantile(alpha);
      return normalCdf(z0 + w / (1 - a * w));
    };
    const quantile = (p: number) => medians[Math.max(0, Math.ceil(p * total - 1e-9) - 1)];
    const summary = summarizeBootstrap(bootstrap(builtinStatistic("median", { x })));
    expect(Math.abs((summary.biasCorrection as number) - z0)).toBeLessThan(1e-12);
    expect(Math.abs((summary.acceleration as number) - a)).toBeLessThan(1e-12);
    expect(summary.intervals.bca).toEqual([quantile(level(0.025)), quantile(level(0.975))]);
  });
});

describe("interval reliability flags", () => {
  it("at n = 6 the exact 95% percentile interval of a Spearman correlation of 0.77 is [0, 1], flagged unreliable", () => {
    const summary = summarizeBootstrap(bootstrap(builtinStatistic("spearman", { x: [1, 2, 3, 4, 5, 6], y: [3, 1, 2, 4, 6, 5] })));
    expect(summary.exact).toBe(true);
    expect(Math.abs((summary.estimate as number) - 27 / 35)).toBeLessThan(1e-15);
    expect(summary.intervals.percentile).toEqual([0, 1]);
    expect(summary.reliability.percentile.reliable).toBe(false);
    expect(summary.reliability.percentile.flags).toContain("atom-at-endpoint");
    expect(summary.reliability.percentile.flags).toContain("extreme-endpoint");
    // The 6 one-subject resamples leave both columns constant.
    expect(summary.undefinedResamples).toBe(6);
  });

  it("a smooth statistic on 15 units with 20,000 replicates gets unflagged percentile and BCa intervals", () => {
    const x = [576, 635, 558, 578, 666, 580, 555, 661, 651, 605, 653, 575, 545, 572, 594];
    const summary = summarizeBootstrap(bootstrap(builtinStatistic("mean", { x }), { replicates: 20_000, seed: 3 }));
    expect(summary.reliability.percentile.flags).toEqual([]);
    expect(summary.reliability.bca.flags).toEqual([]);
  });

  it("BCa is null with a reason when no resample lies strictly below the estimate", () => {
    // Spearman of perfectly concordant data: every defined resample gives 1 = the estimate.
    const summary = summarizeBootstrap(bootstrap(builtinStatistic("spearman", { x: [1, 2, 3, 4, 5], y: [2, 4, 6, 8, 10] })));
    expect(summary.intervals.bca).toBeNull();
    expect(summary.reliability.bca.reason).toMatch(/z0 is infinite/);
    expect(summary.intervals.percentile).toEqual([1, 1]);
    expect(summary.reliability.percentile.flags).toContain("zero-width");
  });
});

describe("input checks", () => {
  it("built-in statistics refuse a missing y, unequal lengths and non-finite values with input errors", () => {
    expect(() => builtinStatistic("pearson", { x: [1, 2, 3] })).toThrow(/needs a second variable/);
    expect(() => builtinStatistic("spearman", { x: [1, 2, 3], y: [1, 2] })).toThrow(/y has 2/);
    expect(() => builtinStatistic("mean", { x: [1, Number.NaN, 3] })).toThrow(/x\[1\]/);
    expect(() => builtinStatistic("mean", { x: [1, 2, 3], cluster: ["a", "b"] })).toThrow(/cluster has 2/);
    expect(() => bootstrap(builtinStatistic("mean", { x: [1] }))).toThrow(/at least 2 resampling units/);
    expect(() => bootstrap(builtinStatistic("mean", { x: Array.from({ length: 12 }, (_, k) => k) }), { replicates: "exact" })).toThrow(/above the limit/);
    expect(() => summarizeBootstrap(bootstrap(builtinStatistic("mean", { x: [1, 2, 3] })), 0, 1.5)).toThrow(/conf/);
  });
});

describe("leave-one-subject-out influence", () => {
  it("jackknife values, influence and SE of the mean match the closed forms", () => {
    const x = [2, 4, 4, 5, 7, 14];
    const summary = summarizeBootstrap(bootstrap(builtinStatistic("mean", { x })));
    const n = x.length;
    const total = x.reduce((a, b) => a + b, 0);
    x.forEach((xi, i) => {
      expect(Math.abs((summary.jackknife.values[i] as number) - (total - xi) / (n - 1))).toBeLessThan(1e-14);
      expect(Math.abs((summary.jackknife.influence[i] as number) - ((total - xi) / (n - 1) - total / n))).toBeLessThan(1e-14);
    });
    // The jackknife SE of the mean is the usual s / sqrt(n).
    const mean = total / n;
    const s = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    expect(Math.abs((summary.jackknife.stdError as number) - s / Math.sqrt(n))).toBeLessThan(1e-14);
  });

  it("leaveOneOutInfluence gives theta_(-i) - theta for every unit and output, and the most influential unit", () => {
    const distribution = bootstrap(builtinStatistic("mean", { x: [2, 4, 4, 5, 7, 14] }));
    const result = leaveOneOutInfluence(distribution);
    expect(result.statistics).toEqual(["mean"]);
    const total = 36;
    expect(result.influence[0].map((d) => Math.round((d as number) * 1e12) / 1e12)).toEqual(
      [2, 4, 4, 5, 7, 14].map((x) => Math.round(((total - x) / 5 - total / 6) * 1e12) / 1e12),
    );
    expect(result.mostInfluential).toEqual([5]); // removing 14 moves the mean most
  });

  it("cluster jackknife leaves out a whole subject", () => {
    const x = [1, 2, 3, 10, 11, 12, 5, 5, 5];
    const cluster = ["a", "a", "a", "b", "b", "b", "c", "c", "c"];
    const summary = summarizeBootstrap(bootstrap(builtinStatistic("mean", { x, cluster })));
    expect(summary.jackknife.values).toEqual([(33 + 15) / 6, (6 + 15) / 6, (6 + 33) / 6]);
  });
});
