import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bootstrap, lmmFixedEffectStatistic, summarizeBootstrap } from "../src/index.js";

const fixture = JSON.parse(readFileSync(new URL("./fixtures/bootstrap-r.json", import.meta.url), "utf8")) as {
  clustered: {
    subject: string[];
    y: number[];
    lmm: { counts: number[]; intercept: number; slope: number }[];
  };
};

describe("LMM fixed effect refitted per subject resample", () => {
  const { clustered } = fixture;
  const data = { subject: clustered.subject, y: clustered.y, visit: clustered.subject.map((_, k) => k % 4) };
  const statistic = lmmFixedEffectStatistic({ data, formula: "y ~ visit + (1 | subject)", terms: ["(Intercept)", "visit"], cluster: "subject" });

  it("matches lme4 on the original data and on resamples with duplicated subjects relabelled (1e-6)", () => {
    const out = new Float64Array(2);
    for (const reference of clustered.lmm) {
      statistic.evaluate(Int32Array.from(reference.counts), out);
      expect(Math.abs(out[0] - reference.intercept)).toBeLessThan(1e-6);
      expect(Math.abs(out[1] - reference.slope)).toBeLessThan(1e-6);
    }
  });

  it("bootstraps the slope over subjects with a jackknife over subjects", () => {
    const summary = summarizeBootstrap(bootstrap(statistic, { replicates: 60, seed: 2 }), 1);
    expect(summary.replicates).toBe(60);
    expect(Math.abs((summary.estimate as number) - clustered.lmm[0].slope)).toBeLessThan(1e-6);
    expect(summary.jackknife.values).toHaveLength(6);
    expect(summary.intervals.percentile).not.toBeNull();
  });
});
