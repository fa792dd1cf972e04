import { readFileSync } from "node:fs";
import { normalQuantile } from "@biomarker/numerics";
import { describe, expect, it } from "vitest";
import { bootstrap, builtinStatistic, summarizeBootstrap, type BootstrapSummary } from "../src/index.js";

interface RSummary {
  estimate: number;
  replicates: number;
  mean: number;
  stdError: number;
  bias: number;
  percentile: [number, number];
  basic: [number, number];
  normal: [number, number];
  bcaRegression: [number, number];
  bcaJackknife: [number, number];
}
const fixture = JSON.parse(readFileSync(new URL("./fixtures/bootstrap-r.json", import.meta.url), "utf8")) as {
  exactSpearman: {
    x: number[];
    y: number[];
    estimate: number;
    undefinedOrdered: number;
    mean: number;
    stdError: number;
    belowShare: number;
    q025: number;
    q975: number;
    q10: number;
    q90: number;
  };
  law: RSummary & { LSAT: number[]; GPA: number[]; jackknifeStdError: number; spearman: RSummary };
  clustered: { subject: string[]; x: number[]; y: number[]; mean: RSummary; pearson: RSummary; spearman: RSummary };
};

/** Both endpoints of our interval within `tolerance` of R's. */
function expectInterval(ours: [number, number] | null, r: [number, number], tolerance: number): void {
  expect(ours).not.toBeNull();
  const [lo, hi] = ours as [number, number];
  expect(Math.abs(lo - r[0])).toBeLessThan(tolerance);
  expect(Math.abs(hi - r[1])).toBeLessThan(tolerance);
}

function expectMonteCarloAgreement(ours: BootstrapSummary, r: RSummary, tolerance: number): void {
  expect(Math.abs((ours.estimate as number) - r.estimate)).toBeLessThan(1e-12);
  expect(Math.abs((ours.stdError as number) - r.stdError)).toBeLessThan(tolerance / 4);
  expect(Math.abs((ours.bias as number) - r.bias)).toBeLessThan(tolerance / 4);
  expectInterval(ours.intervals.percentile, r.percentile, tolerance);
  expectInterval(ours.intervals.basic, r.basic, tolerance);
  expectInterval(ours.intervals.normal, r.normal, tolerance);
  // Our acceleration is the subject jackknife: R's BCa with L = empinf(type = "jack").
  expectInterval(ours.intervals.bca, r.bcaJackknife, tolerance);
}

describe("exact enumeration against R's brute force over all 6^6 ordered resamples (Spearman, ties between copies)", () => {
  const e = fixture.exactSpearman;
  const distribution = bootstrap(builtinStatistic("spearman", { x: e.x, y: e.y }));

  it("mean, ideal SE, undefined share and bias correction to 1e-12; percentile endpoints exactly", () => {
    const summary = summarizeBootstrap(distribution);
    expect(summary.exact).toBe(true);
    expect(Math.abs((summary.estimate as number) - e.estimate)).toBeLessThan(1e-15);
    expect(Math.abs((summary.mean as number) - e.mean)).toBeLessThan(1e-12);
    expect(Math.abs((summary.stdError as number) - e.stdError)).toBeLessThan(1e-12);
    expect(Math.abs(summary.undefinedProbability - e.undefinedOrdered / 6 ** 6)).toBeLessThan(1e-15);
    expect(Math.abs((summary.biasCorrection as number) - normalQuantile(e.belowShare))).toBeLessThan(1e-12);
    expect(summary.intervals.percentile).toEqual([e.q025, e.q975]);
    const eighty = summarizeBootstrap(distribution, 0, 0.8).intervals.percentile as [number, number];
    expect(Math.abs(eighty[0] - e.q10)).toBeLessThan(1e-15);
    expect(eighty[1]).toBe(e.q90);
  });
});

describe("law-school correlation (Efron & Tibshirani 1993, Table 3.1) against R boot", () => {
  const { law } = fixture;
  const statistic = builtinStatistic("pearson", { x: law.LSAT, y: law.GPA });
  const summary = summarizeBootstrap(bootstrap(statistic, { replicates: 100_000, seed: 7 }));

  it("estimate r = 0.7763744913 and jackknife SE 0.1425186 to 1e-12 of R", () => {
    expect(Math.abs((summary.estimate as number) - 0.7763744913)).toBeLessThan(1e-10);
    expect(Math.abs((summary.estimate as number) - law.estimate)).toBeLessThan(1e-12);
    expect(Math.abs((summary.jackknife.stdError as number) - law.jackknifeStdError)).toBeLessThan(1e-12);
    expect(Math.abs((summary.jackknife.stdError as number) - 0.1425186)).toBeLessThan(1e-7);
  });

  it("percentile, basic, normal and BCa intervals within 0.02 of boot.ci at 100,000 replicates", () => {
    expect(summary.exact).toBe(false);
    expect(summary.replicates).toBe(100_000);
    expectMonteCarloAgreement(summary, law, 0.02);
  });

  it("BCa also within 0.02 of boot's default (regression influence) BCa", () => {
    expectInterval(summary.intervals.bca, law.bcaRegression, 0.02);
  });

  it("Spearman (mid-ranks of the resampled data, ties between copies) within 0.02 of boot.ci at 100,000 replicates", () => {
    const spearman = summarizeBootstrap(bootstrap(builtinStatistic("spearman", { x: law.LSAT, y: law.GPA }), { replicates: 100_000, seed: 8 }));
    expectMonteCarloAgreement(spearman, law.spearman, 0.02);
  });
});

describe("cluster bootstrap (6 subjects x 4 visits) against R boot resampling subject indices", () => {
  const { clustered } = fixture;
  const data = { x: clustered.x, y: clustered.y, cluster: clustered.subject };

  it("mean over the observations of resampled subjects within 0.02 of R (Monte Carlo, 100,000)", () => {
    const summary = summarizeBootstrap(bootstrap(builtinStatistic("mean", data), { replicates: 100_000, seed: 11 }));
    expectMonteCarloAgreement(summary, clustered.mean, 0.02);
  });

  it("Pearson over the observations of resampled subjects within 0.005 of R (Monte Carlo, 100,000)", () => {
    const summary = summarizeBootstrap(bootstrap(builtinStatistic("pearson", data), { replicates: 100_000, seed: 12 }));
    expectMonteCarloAgreement(summary, clustered.pearson, 0.005);
  });

  it("Spearman over the observations of resampled subjects within 0.02 of R (Monte Carlo, 100,000)", () => {
    const summary = summarizeBootstrap(bootstrap(builtinStatistic("spearman", data), { replicates: 100_000, seed: 13 }));
    expectMonteCarloAgreement(summary, clustered.spearman, 0.02);
  });

  it("the exact enumeration of the 462 subject resamples agrees with R's Monte Carlo SE within 1%", () => {
    const summary = summarizeBootstrap(bootstrap(builtinStatistic("mean", data)));
    expect(summary.exact).toBe(true);
    expect(summary.replicates).toBe(462);
    expect(Math.abs((summary.stdError as number) / clustered.mean.stdError - 1)).toBeLessThan(0.01);
    // The mean is linear: its exact bootstrap mean equals the estimate, and the ideal variance is
    // sum_s (T_s - m_s xbar)^2 / N^2 with T_s, m_s the subject totals and sizes (equal sizes here).
    const xbar = clustered.x.reduce((a, b) => a + b, 0) / clustered.x.length;
    let ss = 0;
    for (let s = 0; s < 6; s++) {
      const total = clustered.x.slice(4 * s, 4 * s + 4).reduce((a, b) => a + b, 0);
      ss += (total - 4 * xbar) ** 2;
    }
    expect(Math.abs((summary.mean as number) - xbar)).toBeLessThan(1e-12);
    expect(Math.abs((summary.stdError as number) - Math.sqrt(ss) / 24)).toBeLessThan(1e-12);
  });
});
