import { describe, expect, it } from "vitest";
import { bootstrap, builtinStatistic, drawReplicateCounts, drawResamples, summarizeBootstrap } from "../src/index.js";

describe("seeded Monte Carlo replicates", () => {
  const x = [3.1, 0.2, 5.5, 2.2, 9.1, 4.4, 1.0, 7.7, 6.3, 2.9, 8.8, 0.5];
  const y = [1.0, 0.9, 2.1, 1.4, 3.9, 2.0, 0.1, 3.3, 2.2, 1.8, 4.0, 0.7];

  it("the same seed gives byte-identical distributions; another seed differs", () => {
    const a = bootstrap(builtinStatistic("spearman", { x, y }), { replicates: 2000, seed: 42 });
    const b = bootstrap(builtinStatistic("spearman", { x, y }), { replicates: 2000, seed: 42 });
    const c = bootstrap(builtinStatistic("spearman", { x, y }), { replicates: 2000, seed: 43 });
    expect(Buffer.from(a.values.buffer).equals(Buffer.from(b.values.buffer))).toBe(true);
    expect(Buffer.from(a.values.buffer).equals(Buffer.from(c.values.buffer))).toBe(false);
    expect(JSON.stringify(summarizeBootstrap(a))).toBe(JSON.stringify(summarizeBootstrap(b)));
  });

  it("replicate r depends only on (seed, r): drawing in reverse order or in chunks gives the same counts", () => {
    const n = x.length;
    const all = drawResamples(n, 300, 5);
    for (let r = 299; r >= 0; r -= 7) {
      expect(Array.from(drawReplicateCounts(5, r, n))).toEqual(Array.from(all.counts.subarray(r * n, (r + 1) * n)));
    }
    // A first chunk of 100 replicates is the prefix of 300: workers splitting the range agree.
    expect(Array.from(drawResamples(n, 100, 5).counts)).toEqual(Array.from(all.counts.subarray(0, 100 * n)));
  });

  it("every replicate draws n units and each unit is drawn with probability 1/n on average (chi-square sanity)", () => {
    const n = 6;
    const R = 20_000;
    const totals = new Float64Array(n);
    const plan = drawResamples(n, R, 99);
    for (let r = 0; r < R; r++) {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        sum += plan.counts[r * n + i];
        totals[i] += plan.counts[r * n + i];
      }
      expect(sum).toBe(n);
    }
    // Expected R draws per unit; sd = sqrt(R n (1/n)(1 - 1/n)); allow 5 sd.
    const sd = Math.sqrt(R * n * (1 / n) * (1 - 1 / n));
    for (const t of totals) expect(Math.abs(t - R)).toBeLessThan(5 * sd);
  });
});
