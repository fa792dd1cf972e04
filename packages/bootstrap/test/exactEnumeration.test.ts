import { describe, expect, it } from "vitest";
import {
  bootstrap,
  builtinStatistic,
  distinctResampleCount,
  enumerateResamples,
  statisticOf,
  summarizeBootstrap,
} from "../src/index.js";
import { medianOfSix, orderedResampleValues, sumOf } from "./support/orderedResamples.js";

/** Independent brute force: all n^n ordered index sequences, each with probability 1 / n^n, grouped by count vector. */
function bruteForce(n: number): Map<string, number> {
  const groups = new Map<string, number>();
  const total = n ** n;
  const digits = new Array<number>(n).fill(0);
  for (let s = 0; s < total; s++) {
    let v = s;
    for (let k = 0; k < n; k++) {
      digits[k] = v % n;
      v = Math.floor(v / n);
    }
    const counts = new Array<number>(n).fill(0);
    for (const d of digits) counts[d]++;
    const key = counts.join(",");
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  for (const [key, hits] of groups) groups.set(key, hits / total);
  return groups;
}

describe("exact enumeration of bootstrap resamples", () => {
  it("counts C(2n - 1, n) distinct resamples (n = 6: 462)", () => {
    expect([1, 2, 3, 4, 5, 6, 8, 10].map(distinctResampleCount)).toEqual([1, 3, 10, 35, 126, 462, 6435, 92378]);
  });

  it("multinomial weights match the brute force over all 6^6 = 46656 ordered resamples to 1e-15", () => {
    const n = 6;
    const brute = bruteForce(n);
    const exact = enumerateResamples(n);
    expect(brute.size).toBe(462);
    expect(exact.resamples).toBe(462);
    const seen = new Set<string>();
    let sum = 0;
    for (let r = 0; r < exact.resamples; r++) {
      const key = Array.from(exact.counts.subarray(r * n, (r + 1) * n)).join(",");
      seen.add(key);
      expect(Math.abs(exact.weights[r] - (brute.get(key) as number))).toBeLessThan(1e-15);
      sum += exact.weights[r];
    }
    expect(seen.size).toBe(462);
    expect(Math.abs(sum - 1)).toBeLessThan(1e-13);
  });

  it("bootstrap mean and ideal SE of the mean of x = 1..6 match the brute force to 1e-12", () => {
    const x = [1, 2, 3, 4, 5, 6];
    const n = x.length;
    // Brute force over the 46656 ordered resamples.
    const total = n ** n;
    const means = orderedResampleValues(x, (sample) => sumOf(sample) / n);
    // Two passes (mean, then squared deviations) so the brute force itself is accurate to ~1e-15.
    const m1 = means.reduce((a, b) => a + b, 0) / total;
    const bruteSe = Math.sqrt(means.reduce((a, b) => a + (b - m1) ** 2, 0) / total);
    const summary = summarizeBootstrap(bootstrap(builtinStatistic("mean", { x })));
    expect(summary.exact).toBe(true);
    expect(summary.replicates).toBe(462);
    expect(Math.abs((summary.mean as number) - m1)).toBeLessThan(1e-12);
    expect(Math.abs((summary.stdError as number) - bruteSe)).toBeLessThan(1e-12);
    // and the closed form: ideal SE of the mean = sqrt(sum (x - xbar)^2 / n^2) = sqrt(35 / 72)
    expect(Math.abs((summary.stdError as number) - Math.sqrt(35 / 72))).toBeLessThan(1e-12);
    expect(Math.abs(summary.bias as number)).toBeLessThan(1e-12);
  });

  it("exact median distribution of a skewed sample matches the brute force to 1e-12", () => {
    const x = [0.3, 1.1, 1.4, 2.9, 7.5, 20];
    const n = x.length;
    const total = n ** n;
    const medians = orderedResampleValues(x, medianOfSix);
    const m1 = medians.reduce((a, b) => a + b, 0) / total;
    const sd = Math.sqrt(medians.reduce((a, b) => a + (b - m1) ** 2, 0) / total);
    const summary = summarizeBootstrap(bootstrap(builtinStatistic("median", { x })));
    expect(Math.abs((summary.mean as number) - m1)).toBeLessThan(1e-12);
    expect(Math.abs((summary.stdError as number) - sd)).toBeLessThan(1e-12);
  });

  it("a user statistic on expanded resamples equals the built-in weighted one", () => {
    const x = [2.5, -1, 4, 0.5, 3, 3];
    const y = [1, 0, 2.5, 1.5, 2, 4];
    const units = x.map((xi, i) => ({ x: xi, y: y[i] }));
    const viaFunction = bootstrap(
      statisticOf(units, (sample) => {
        const n = sample.length;
        const mx = sample.reduce((s, u) => s + u.x, 0) / n;
        const my = sample.reduce((s, u) => s + u.y, 0) / n;
        let sxy = 0;
        let sxx = 0;
        let syy = 0;
        for (const u of sample) {
          sxy += (u.x - mx) * (u.y - my);
          sxx += (u.x - mx) ** 2;
          syy += (u.y - my) ** 2;
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
      }),
    );
    const builtin = bootstrap(builtinStatistic("pearson", { x, y }));
    const a = summarizeBootstrap(viaFunction);
    const b = summarizeBootstrap(builtin);
    expect(a.undefinedResamples).toBe(b.undefinedResamples);
    expect(Math.abs((a.mean as number) - (b.mean as number))).toBeLessThan(1e-12);
    expect(Math.abs((a.stdError as number) - (b.stdError as number))).toBeLessThan(1e-12);
  });

  it("undefined resamples are counted, excluded and the weights renormalised", () => {
    // Pearson is undefined on the 6 one-subject resamples (x constant) and wherever x or y is constant.
    const x = [1, 2, 3, 4, 5, 6];
    const y = [2, 1, 4, 3, 6, 5];
    const distribution = bootstrap(builtinStatistic("pearson", { x, y }));
    const summary = summarizeBootstrap(distribution);
    let undefinedCount = 0;
    let undefinedMass = 0;
    let definedMass = 0;
    let weightedSum = 0;
    const exact = enumerateResamples(6);
    for (let r = 0; r < exact.resamples; r++) {
      const distinct = exact.counts.subarray(r * 6, r * 6 + 6).filter((c) => c > 0).length;
      if (distinct === 1) {
        undefinedCount++;
        undefinedMass += exact.weights[r];
      } else {
        definedMass += exact.weights[r];
        weightedSum += exact.weights[r] * distribution.values[r];
      }
    }
    expect(summary.undefinedResamples).toBe(undefinedCount);
    expect(undefinedCount).toBe(6);
    expect(Math.abs(summary.undefinedProbability - undefinedMass)).toBeLessThan(1e-15);
    expect(Math.abs(undefinedMass - 6 / 6 ** 6)).toBeLessThan(1e-15);
    expect(Math.abs((summary.mean as number) - weightedSum / definedMass)).toBeLessThan(1e-12);
  });
});
