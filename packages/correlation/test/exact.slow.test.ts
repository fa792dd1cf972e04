import { describe, expect, it } from "vitest";
import { correlationTest, permutationNull, spearmanTest } from "../src/index.js";

/** Mid-ranks written independently of @biomarker/numerics: rank = 1 + #{smaller} + (#{equal} - 1)/2. */
function naiveMidRanks(v: number[]): number[] {
  return v.map((a) => 1 + v.filter((b) => b < a).length + (v.filter((b) => b === a).length - 1) / 2);
}

function pearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Every permutation of 0..n-1 (Heap's algorithm), calling visit with the current order. */
function forEachPermutation(n: number, visit: (p: number[]) => void): void {
  const p = Array.from({ length: n }, (_, i) => i);
  const c = new Array<number>(n).fill(0);
  visit(p);
  let i = 1;
  while (i < n) {
    if (c[i] < i) {
      const j = i % 2 === 0 ? 0 : c[i];
      [p[j], p[i]] = [p[i], p[j]];
      visit(p);
      c[i]++;
      i = 1;
    } else {
      c[i] = 0;
      i++;
    }
  }
}

/** Brute force: the rho of every permutation of the y mid-ranks against the x mid-ranks. */
function bruteForceRhos(x: number[], y: number[]): number[] {
  const rx = naiveMidRanks(x);
  const ry = naiveMidRanks(y);
  const rhos: number[] = [];
  forEachPermutation(x.length, (p) => rhos.push(pearson(rx, p.map((i) => ry[i]))));
  return rhos;
}

/** P(|rho*| >= |rho_obs|) with the 1e-12 tolerance that counts equal |rho| as equal. */
function bruteForceTwoSided(x: number[], y: number[]): number {
  const rhos = bruteForceRhos(x, y);
  const observed = Math.abs(pearson(naiveMidRanks(x), naiveMidRanks(y)));
  return rhos.filter((r) => Math.abs(r) >= observed - 1e-12).length / rhos.length;
}

function bruteForceSupport(x: number[], y: number[]): number[] {
  const rhos = bruteForceRhos(x, y).map(Math.abs);
  const levels = [...new Set(rhos.map((r) => Math.round(r * 1e10)))];
  const p = levels.map((l) => rhos.filter((r) => r >= l / 1e10 - 1e-10).length / rhos.length);
  return [...new Set(p)].sort((a, b) => a - b);
}

const tieCases: { name: string; x: number[]; y: number[] }[] = [
  { name: "issue example x = 1,2,2,3,4,5 vs 1:6", x: [1, 2, 2, 3, 4, 5], y: [1, 2, 3, 4, 5, 6] },
  { name: "ties in both, n = 7", x: [1, 1, 2, 3, 3, 3, 4], y: [2, 1, 4, 3, 6, 5, 7] },
  { name: "ties in both, n = 8", x: [0, 0, 0, 1, 2, 4, 4, 5], y: [3, 1, 2, 2, 5, 4, 6, 6] },
  { name: "SLEDAI-like scores, n = 6", x: [0.3, 1.7, 0.9, 2.2, 1.1, 0.4], y: [4, 8, 4, 12, 8, 2] },
  { name: "censoring-like bottom ties, n = 9", x: [0, 0, 0, 1.2, 3.4, 2.2, 5.1, 4.4, 6], y: [1, 3, 2, 5, 4, 7, 6, 9, 8] },
];

describe("exact conditional Spearman p against brute-force enumeration of all n! permutations", () => {
  for (const c of tieCases) {
    it(`${c.name}: p and the attainable p-values match enumeration to 1e-12`, () => {
      const result = spearmanTest(c.x, c.y);
      expect(result.pValueMethod).toBe("exact-conditional");
      expect(Math.abs(result.pValue! - bruteForceTwoSided(c.x, c.y))).toBeLessThan(1e-12);
      const support = bruteForceSupport(c.x, c.y);
      expect(Array.from(result.support!)).toHaveLength(support.length);
      result.support!.forEach((p, k) => expect(Math.abs(p - support[k])).toBeLessThan(1e-12));
    });
  }

  it("x = 1,2,2,3,4,5 vs 1:6 has exact conditional p = 4/720, 18x R's t approximation", () => {
    const exact = spearmanTest([1, 2, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6]);
    expect(exact.pValue).toBeCloseTo(4 / 720, 15);
    const t = spearmanTest([1, 2, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6], { pValue: "asymptotic" });
    expect(t.pValueMethod).toBe("t-approximation");
    expect(exact.pValue! / t.pValue!).toBeGreaterThan(15);
  });

  it("with ties P(|rho*| >= |rho|) differs from doubling the smaller tail when the null is asymmetric", () => {
    // With one variable untied the null is symmetric (b -> n + 1 - b); ties in both, placed asymmetrically
    // (mid-ranks 2,2,2,4,5,6 and 1.5,1.5,3,5,5,5), make it asymmetric: here 0.5 against 0.6 doubled.
    const x = [1, 1, 1, 2, 3, 4];
    const y = [1, 1, 3, 3, 3, 2];
    const rhos = bruteForceRhos(x, y);
    const observed = pearson(naiveMidRanks(x), naiveMidRanks(y));
    const upper = rhos.filter((r) => r >= observed - 1e-12).length / rhos.length;
    const lower = rhos.filter((r) => r <= observed + 1e-12).length / rhos.length;
    const doubled = Math.min(1, 2 * Math.min(upper, lower));
    const result = spearmanTest(x, y);
    expect(Math.abs(result.pValue! - bruteForceTwoSided(x, y))).toBeLessThan(1e-12);
    expect(result.pValue).toBeCloseTo(0.5, 14);
    expect(doubled).toBeCloseTo(0.6, 14);
  });
});

describe("exact Spearman p without ties", () => {
  it("n = 10 (beyond R's exact range) matches enumeration of all 3,628,800 permutations", () => {
    const x = [0.3, -1.2, 2.2, 0.8, -0.4, 1.5, -2.0, 0.1, 1.1, -0.7];
    const y = [0.9, -0.1, 1.4, 0.2, -1.1, 2.5, -0.6, -0.3, 0.4, 0.7];
    const result = spearmanTest(x, y);
    expect(result.pValueMethod).toBe("exact");
    expect(Math.abs(result.pValue! - bruteForceTwoSided(x, y))).toBeLessThan(1e-12);
  });

  it("a perfect correlation is never p = 0: 2/n! for n = 10..16 (R's AS 89 gives 0)", () => {
    let factorial = 1;
    for (let n = 1; n <= 16; n++) {
      factorial *= n;
      if (n < 10) continue;
      const x = Array.from({ length: n }, (_, i) => i);
      const result = spearmanTest(x, x.map((v) => v ** 3));
      expect(result.pValueMethod).toBe("exact");
      expect(Math.abs(result.pValue! / (2 / factorial) - 1)).toBeLessThan(1e-12);
    }
  });

  it("the exact null of U for n = 14 has the permutation mean 0 and variance n^2 Saa Sbb / (n - 1)", () => {
    // Var(sum a_i b_pi(i)) = sum (a - abar)^2 sum (b - bbar)^2 / (n - 1) under uniform permutations.
    const n = 14;
    const a = Array.from({ length: n }, (_, i) => i);
    const nullDistribution = permutationNull(a, a);
    const { deviations, tailProbabilities } = nullDistribution;
    let second = 0;
    deviations.forEach((d, k) => {
      const probability = tailProbabilities[k] - (k > 0 ? tailProbabilities[k - 1] : 0);
      second += probability * d * d;
    });
    const ss = a.reduce((s, v) => s + (v - (n - 1) / 2) ** 2, 0);
    expect(second / ((n * n * ss * ss) / (n - 1)) - 1).toBeCloseTo(0, 12);
    expect(nullDistribution.arrangements).toBe(87178291200);
  });

  it("without ties and beyond the exact budget, auto uses AS 89 floored at 2/n!", () => {
    const n = 25;
    const x = Array.from({ length: n }, (_, i) => i);
    const result = spearmanTest(x, x);
    expect(result.pValueMethod).toBe("edgeworth");
    expect(result.pValue).toBeGreaterThan(0);
    // 2/1000! is below the double range: still not 0.
    const large = Array.from({ length: 1000 }, (_, i) => i);
    expect(spearmanTest(large, large).pValue).toBeGreaterThan(0);
  });
});

describe("exact Kendall p against enumeration", () => {
  it("n = 7: the Mahonian null reproduces the count of permutations with |S*| >= |S|", () => {
    const x = [3.1, 0.2, 1.7, 4.4, 2.9, 5.0, 0.9];
    const y = [2.0, 0.4, 0.3, 3.3, 4.1, 3.9, 1.0];
    const result = correlationTest(x, y, { method: "kendall" });
    const sOf = (a: number[], b: number[]) => {
      let s = 0;
      for (let i = 0; i < a.length; i++) for (let j = i + 1; j < a.length; j++) s += Math.sign(a[i] - a[j]) * Math.sign(b[i] - b[j]);
      return s;
    };
    const observed = Math.abs(sOf(x, y));
    let count = 0;
    let total = 0;
    forEachPermutation(7, (p) => {
      total++;
      if (Math.abs(sOf(x, p.map((i) => y[i]))) >= observed) count++;
    });
    expect(result.pValueMethod).toBe("exact");
    expect(Math.abs(result.pValue! - count / total)).toBeLessThan(1e-13);
  });
});

describe("exact conditional Kendall p with ties against brute-force enumeration", () => {
  const sOf = (a: number[], b: number[]) => {
    let s = 0;
    for (let i = 0; i < a.length; i++) for (let j = i + 1; j < a.length; j++) s += Math.sign(a[i] - a[j]) * Math.sign(b[i] - b[j]);
    return s;
  };
  for (const c of tieCases) {
    it(`${c.name}: P(|S*| >= |S|) and the support match enumeration to 1e-12`, () => {
      const result = correlationTest(c.x, c.y, { method: "kendall" });
      expect(result.pValueMethod).toBe("exact-conditional");
      expect(result.statisticName).toBe("S");
      const observed = sOf(c.x, c.y);
      expect(result.statistic).toBe(observed);
      const all: number[] = [];
      forEachPermutation(c.x.length, (p) => all.push(Math.abs(sOf(c.x, p.map((i) => c.y[i])))));
      const p = all.filter((s) => s >= Math.abs(observed)).length / all.length;
      expect(Math.abs(result.pValue! - p)).toBeLessThan(1e-12);
      const support = [...new Set(all)].map((d) => all.filter((s) => s >= d).length / all.length).sort((u, v) => u - v);
      expect(Array.from(result.support!)).toHaveLength(support.length);
      result.support!.forEach((q, k) => expect(Math.abs(q - support[k])).toBeLessThan(1e-12));
    });
  }

  it("asymptotic keeps R's tie-corrected normal approximation", () => {
    const result = correlationTest([1, 2, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6], { method: "kendall", pValue: "asymptotic" });
    expect(result.pValueMethod).toBe("normal-approximation");
    expect(result.statisticName).toBe("z");
  });
});

describe("auto enumeration limits", () => {
  it("auto is exact for every n <= 16 without ties and for the costliest tie pattern at n = 14", () => {
    for (let n = 3; n <= 16; n++) {
      const x = Array.from({ length: n }, (_, i) => i);
      expect(spearmanTest(x, x.map((i) => (i % 2 === 0 ? i + 1 : i - 1))).pValueMethod).toBe("exact");
    }
    // One tie pair in each variable: half-integer mid-ranks in both, almost 2^n states.
    const x = Array.from({ length: 14 }, (_, i) => (i === 1 ? 0 : i));
    const y = Array.from({ length: 14 }, (_, i) => (i === 13 ? 12 : (i * 3) % 14));
    expect(spearmanTest(x, y).pValueMethod).toBe("exact-conditional");
  });
});
