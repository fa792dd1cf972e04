import { readFileSync } from "node:fs";
import { studentTQuantile } from "@biomarker/numerics";
import { describe, expect, it } from "vitest";
import {
  assembleDistribution,
  bootstrap,
  builtinStatistic,
  resampleStdErrors,
  summarizeBootstrap,
  weightedQuantile,
  type ResampleStatistic,
} from "../src/index.js";
import { orderedResampleValues } from "./support/orderedResamples.js";

interface RStudentized {
  indices: number[][];
  t: number[];
  varT: number[];
  t0: number;
  varT0: number;
  interval: [number, number];
}
const fixture = JSON.parse(readFileSync(new URL("./fixtures/bootstrap-r.json", import.meta.url), "utf8")) as {
  law: { LSAT: number[]; GPA: number[] };
  studentized: { mean: RStudentized & { x: number[] }; lawFisherZ: RStudentized };
};

/** Our distribution on R boot's own resamples (1-based indices -> count vectors), with nested-jackknife SEs. */
function onRResamples(statistic: ResampleStatistic, r: RStudentized, scale: "identity" | "fisher-z") {
  const n = statistic.unitCount;
  const counts = r.indices.map((row) => {
    const c = new Int32Array(n);
    for (const i of row) c[i - 1]++;
    return c;
  });
  const R = counts.length;
  const values = new Float64Array(R);
  const out = new Float64Array(1);
  counts.forEach((c, k) => {
    statistic.evaluate(c, out);
    values[k] = out[0];
  });
  const stdErrors = resampleStdErrors(statistic, R, scale, (k) => counts[k]);
  return assembleDistribution(statistic, { exact: false, replicates: R, seed: 1 }, values, undefined, stdErrors);
}

describe("studentized (bootstrap-t) interval", () => {
  it("matches boot.ci type 'stud' for a mean (n = 10, R = 2000): nested-jackknife variances to 1e-12, endpoints to 1e-10", () => {
    const r = fixture.studentized.mean;
    const distribution = onRResamples(builtinStatistic("mean", { x: r.x }), r, "identity");
    const se = distribution.stdErrors!;
    expect(Math.abs(se.estimates[0] ** 2 - r.varT0)).toBeLessThan(1e-12);
    r.varT.forEach((v, k) => expect(Math.abs(se.values[k] ** 2 - v)).toBeLessThan(1e-12));
    const s = summarizeBootstrap(distribution, 0, 0.95);
    expect(s.reliability.studentized.reason).toBeNull();
    const [lo, hi] = s.intervals.studentized!;
    expect(Math.abs(lo - r.interval[0])).toBeLessThan(1e-10);
    expect(Math.abs(hi - r.interval[1])).toBeLessThan(1e-10);
  });

  it("matches boot.ci type 'stud' with hinv = tanh for Pearson r on Fisher's z scale (law school, R = 2000) to 1e-10", () => {
    const r = fixture.studentized.lawFisherZ;
    const law = fixture.law;
    const distribution = onRResamples(builtinStatistic("pearson", { x: law.LSAT, y: law.GPA }), r, "fisher-z");
    const se = distribution.stdErrors!;
    expect(Math.abs(se.estimates[0] ** 2 - r.varT0)).toBeLessThan(1e-12);
    r.varT.forEach((v, k) => expect(Math.abs(se.values[k] ** 2 - v) / v).toBeLessThan(1e-9));
    const s = summarizeBootstrap(distribution, 0, 0.95, { scale: "fisher-z" });
    const [lo, hi] = s.intervals.studentized!;
    expect(Math.abs(lo - r.interval[0])).toBeLessThan(1e-10);
    expect(Math.abs(hi - r.interval[1])).toBeLessThan(1e-10);
    expect(s.reliability.studentized.flags).not.toContain("outside-range");
  });

  it("exact enumeration at n = 6 equals the brute force over all 6^6 ordered resamples (pivots and endpoints exact to 1e-12)", () => {
    const x = [2.3, 0.4, 1.9, 3.8, 1.1, 5.6];
    const mean = (s: number[]) => s.reduce((a, b) => a + b, 0) / s.length;
    const jackSe = (s: number[]) => {
      const m = s.length;
      const u = s.map((_, k) => mean(s.filter((__, j) => j !== k)));
      const ubar = mean(u);
      return Math.sqrt(((m - 1) / m) * u.reduce((a, v) => a + (v - ubar) ** 2, 0));
    };
    const t0 = mean(x);
    const se0 = jackSe(x);
    const pivots = orderedResampleValues(x, (s) => (mean(s) - t0) / jackSe(s));
    const defined = Float64Array.from(pivots.filter((z) => Number.isFinite(z))).sort();
    const weights = new Float64Array(defined.length).fill(1 / defined.length);
    const qLow = weightedQuantile(defined, weights, 0.025).value;
    const qHigh = weightedQuantile(defined, weights, 0.975).value;
    const s = summarizeBootstrap(bootstrap(builtinStatistic("mean", { x }), { studentized: "identity" }));
    const [lo, hi] = s.intervals.studentized!;
    expect(Math.abs(lo - (t0 - se0 * qHigh))).toBeLessThan(1e-12);
    expect(Math.abs(hi - (t0 - se0 * qLow))).toBeLessThan(1e-12);
  });

  it("a supplied SE function replaces the nested jackknife (s / sqrt(m) for a mean) and is marked 'supplied'", () => {
    const x = [2.3, 0.4, 1.9, 3.8, 1.1, 5.6];
    const base = builtinStatistic("mean", { x });
    const withSe: ResampleStatistic = {
      ...base,
      evaluate: base.evaluate,
      evaluateStdError(counts, out) {
        let m = 0;
        let sx = 0;
        for (let i = 0; i < x.length; i++) (m += counts[i]), (sx += counts[i] * x[i]);
        let ss = 0;
        for (let i = 0; i < x.length; i++) ss += counts[i] * (x[i] - sx / m) ** 2;
        out[0] = Math.sqrt(ss / (m - 1) / m);
      },
    };
    const d = bootstrap(withSe, { studentized: "identity" });
    expect(d.stdErrors!.source).toBe("supplied");
    // for a mean, the jackknife SE equals s / sqrt(n): the two agree on every resample
    const nested = bootstrap(base, { studentized: "identity" });
    d.stdErrors!.values.forEach((v, k) => {
      const w = nested.stdErrors!.values[k];
      if (Number.isNaN(w)) expect(v === 0 || Number.isNaN(v)).toBe(true);
      else expect(Math.abs(v - w)).toBeLessThan(1e-12);
    });
  });

  it("without per-resample SEs, or on another scale, the studentized interval is null with a reason", () => {
    const x = [1, 2, 4, 7, 11, 16];
    expect(summarizeBootstrap(bootstrap(builtinStatistic("mean", { x }))).reliability.studentized.reason).toMatch(/option studentized/);
    const y = [2, 1, 5, 6, 12, 13];
    const d = bootstrap(builtinStatistic("pearson", { x, y }), { studentized: "identity" });
    expect(summarizeBootstrap(d, 0, 0.95, { scale: "fisher-z" }).reliability.studentized.reason).toMatch(/identity scale/);
  });
});

describe("jackknife-t interval", () => {
  it("for a mean equals Student's t interval mean -/+ t_{n-1} s / sqrt(n) to 1e-12", () => {
    const x = [2.3, 0.4, 1.9, 3.8, 1.1, 5.6];
    const n = x.length;
    const m = x.reduce((a, b) => a + b, 0) / n;
    const s = Math.sqrt(x.reduce((a, v) => a + (v - m) ** 2, 0) / (n - 1));
    const margin = studentTQuantile(0.975, n - 1) * (s / Math.sqrt(n));
    const [lo, hi] = summarizeBootstrap(bootstrap(builtinStatistic("mean", { x }))).intervals.jackknifeT!;
    expect(Math.abs(lo - (m - margin))).toBeLessThan(1e-12);
    expect(Math.abs(hi - (m + margin))).toBeLessThan(1e-12);
  });
});

describe("the parameter's range", () => {
  const x = [1.2, -0.3, 0.8, 2.1, 0.4, 1.7];
  const y = [0.5, 0.1, 0.9, 2.0, 0.2, 1.1];
  const d = bootstrap(builtinStatistic("pearson", { x, y }), { studentized: "fisher-z" });

  it("basic and normal intervals of a correlation beyond 1 are flagged 'outside-range' on the identity scale", () => {
    const s = summarizeBootstrap(d, 0, 0.95, { range: [-1, 1] });
    expect(s.intervals.basic![1]).toBeGreaterThan(1);
    expect(s.reliability.basic.flags).toContain("outside-range");
    expect(s.intervals.normal![1]).toBeGreaterThan(1);
    expect(s.reliability.normal.flags).toContain("outside-range");
  });

  it("on Fisher's z scale every interval lies inside [-1, 1]; a normal interval is null when some resample has |r| = 1", () => {
    const s = summarizeBootstrap(d, 0, 0.95, { scale: "fisher-z" });
    for (const method of ["percentile", "basic", "bca", "studentized", "jackknifeT"] as const) {
      const interval = s.intervals[method]!;
      expect(interval[0]).toBeGreaterThanOrEqual(-1);
      expect(interval[1]).toBeLessThanOrEqual(1);
      expect(s.reliability[method].flags).not.toContain("outside-range");
    }
    expect(s.reliability.normal.reason).toMatch(/infinite/);
  });

  it("unknown summary options and scales are input errors", () => {
    expect(() => summarizeBootstrap(d, 0, 0.95, { scal: "fisher-z" } as never)).toThrow(/unknown summary option 'scal'/);
    expect(() => summarizeBootstrap(d, 0, 0.95, { scale: "log" } as never)).toThrow(/scale must be/);
    expect(() => bootstrap(builtinStatistic("mean", { x }), { studentized: "log" as never })).toThrow(/studentized must be/);
  });
});
