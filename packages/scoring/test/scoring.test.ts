import { bootstrap, featureCorrelationStatistic, rmcorrStatistic } from "@biomarker/bootstrap";
import { repeatedMeasuresCorrelation } from "@biomarker/correlation";
import { describe, expect, it } from "vitest";
import {
  biomarkerScore,
  directionConsistency,
  featureStability,
  scoreBiomarkers,
  scoreComponents,
  scoringData,
  type LongMeasurement,
} from "../src/index.js";

/** A small longitudinal cohort: 5 subjects x 5 visits, outcome and three features. */
function toyCohort(): LongMeasurement[] {
  const rows: LongMeasurement[] = [];
  const days = [-7, 0, 7, 28, 84];
  const visits = ["D-7", "D0", "D7", "D28", "D84"];
  const noise = [0.3, -0.2, 0.5, -0.4, 0.1, 0.2, -0.5, 0.4, 0.0, -0.1, 0.35, -0.25, 0.15, -0.3, 0.45, 0.05, -0.15, 0.25, -0.35, 0.1, 0.3, 0.2, -0.1, 0.0, -0.2];
  for (let s = 0; s < 5; s++) {
    for (let v = 0; v < 5; v++) {
      const activity = v < 2 ? 10 + s : Math.max(0, 10 + s - 3 * v + (s === 4 ? 4 : 0));
      const e = noise[s * 5 + v];
      const base = { subject: `P${s + 1}`, visit: visits[v], day: days[v] };
      rows.push({ ...base, feature: "sledai2k", value: activity });
      rows.push({ ...base, feature: "tracker", value: 2 + 0.3 * activity + e });
      rows.push({ ...base, feature: "noise", value: 5 + e * (s - 2) });
      // measured at the first three visits only
      rows.push({ ...base, feature: "sparse", value: v < 3 ? 1 - 0.1 * activity + e : null });
    }
  }
  return rows;
}

/** The toy cohort's outcome and landmark. */
const TOY = { outcome: "sledai2k", landmark: "D84" };

describe("scoring components", () => {
  const data = scoringData(toyCohort(), { outcome: "SLEDAI2K", landmark: "D84" });

  it("resolves the outcome ignoring case and punctuation; the change runs from the last pre-dose value to the landmark", () => {
    expect(data.outcome).toBe("sledai2k");
    expect(data.landmark).toBe("D84");
    expect(data.subjects).toEqual(["P1", "P2", "P3", "P4", "P5"]);
    // change = value at the landmark - last pre-dose value (D0)
    const tracker = data.change.features.find((f) => f.name === "tracker")!;
    const rows = toyCohort().filter((r) => r.subject === "P1" && r.feature === "tracker");
    expect(tracker.values[0]).toBeCloseTo((rows[4].value as number) - (rows[1].value as number), 14);
    expect(data.change.features.find((f) => f.name === "sparse")!.values.every((v) => v === null)).toBe(true);
  });

  it("the resampling rmcorr kernel equals @biomarker/correlation's rmcorr on the full data to 1e-12", () => {
    const statistic = rmcorrStatistic(data.longitudinal);
    const out = new Float64Array(statistic.names.length);
    statistic.evaluate(new Int32Array(statistic.unitCount).fill(1), out);
    data.longitudinal.features.forEach((f, j) => {
      const reference = repeatedMeasuresCorrelation(data.longitudinal.subject, f.values, data.longitudinal.outcome);
      expect(Math.abs(out[j] - (reference.estimate as number))).toBeLessThan(1e-12);
    });
  });

  it("a subject drawn twice counts as two subjects: the kernel equals rmcorr on the relabelled expanded data", () => {
    const statistic = rmcorrStatistic(data.longitudinal);
    const counts = Int32Array.from([2, 0, 1, 0, 2]);
    const out = new Float64Array(statistic.names.length);
    statistic.evaluate(counts, out);
    const subject: string[] = [];
    const x: (number | null)[] = [];
    const y: (number | null)[] = [];
    const L = data.longitudinal;
    data.subjects.forEach((s, i) => {
      for (let copy = 0; copy < counts[i]; copy++) {
        L.subject.forEach((label, k) => {
          if (label !== s) return;
          subject.push(`${s}#${copy}`);
          x.push(L.features[0].values[k]);
          y.push(L.outcome[k]);
        });
      }
    });
    expect(Math.abs(out[0] - (repeatedMeasuresCorrelation(subject, x, y).estimate as number))).toBeLessThan(1e-12);
  });

  it("sign-keeping and top-k fractions equal a direct count over the enumerated resamples", () => {
    const distribution = bootstrap(rmcorrStatistic(data.longitudinal));
    const stability = featureStability(distribution, 1);
    const R = distribution.replicates;
    const m = distribution.names.length;
    for (let j = 0; j < m; j++) {
      let same = 0;
      let defined = 0;
      let top = 0;
      for (let r = 0; r < R; r++) {
        const v = distribution.values[j * R + r];
        const w = distribution.weights[r];
        if (!Number.isNaN(v)) {
          defined += w;
          if (Math.sign(v) === Math.sign(distribution.estimates[j])) same += w;
        }
        // top-1: largest |value| of the resample, ties to the first feature
        let best = -1;
        let bestValue = -1;
        for (let q = 0; q < m; q++) {
          const u = distribution.values[q * R + r];
          const a = Number.isNaN(u) ? -1 : Math.abs(u);
          if (a > bestValue) {
            bestValue = a;
            best = q;
          }
        }
        if (best === j && bestValue >= 0) top += w;
      }
      expect(Math.abs((stability[j].signKeeping as number) - same / defined)).toBeLessThan(1e-12);
      expect(Math.abs(stability[j].topK - top)).toBeLessThan(1e-12);
    }
  });

  it("direction consistency counts subjects whose own Pearson r has the pooled sign", () => {
    const j = data.longitudinal.features.findIndex((f) => f.name === "tracker");
    const result = directionConsistency(data.longitudinal, j, 0.9);
    expect(result.defined).toBe(5);
    expect(result.agreeing).toBe(5);
    const sparse = data.longitudinal.features.findIndex((f) => f.name === "sparse");
    const sparseResult = directionConsistency(data.longitudinal, sparse, -0.5);
    expect(sparseResult.defined).toBe(5); // 3 visits each
  });

  it("the score is the product of its factors, each on [0, 1], with the documented definitions", () => {
    const c = scoreComponents({
      estimate: -0.8,
      pairs: 30,
      outcomeObservations: 60,
      signKeeping: 0.95,
      leaveOneOut: [-0.7, -0.9, -0.6, -0.85],
      agreeing: 5,
      defined: 6,
    });
    expect(c.strength).toBe(0.8);
    expect(c.coverage).toBe(0.5);
    expect(c.stability).toBeCloseTo(0.9, 15);
    expect(c.robustness).toBeCloseTo(0.75, 15);
    expect(c.consistency).toBeCloseTo(4 / 6, 15);
    expect(biomarkerScore(c)).toBeCloseTo(0.8 * 0.5 * 0.9 * 0.75 * (4 / 6), 15);
    // a leave-one-out flip of sign zeroes robustness
    expect(scoreComponents({ estimate: 0.5, pairs: 1, outcomeObservations: 1, signKeeping: 1, leaveOneOut: [0.4, -0.1], agreeing: 1, defined: 1 }).robustness).toBe(0);
  });

  it("scoreBiomarkers ranks the tracking feature first and reports every component", () => {
    const result = scoreBiomarkers(toyCohort(), { ...TOY, topK: 1 });
    expect(result.exact).toBe(true);
    expect(result.replicates).toBe(126); // C(9, 5) for 5 subjects
    expect(result.features[0].feature).toBe("tracker");
    expect(result.features.map((f) => f.rank)).toEqual([1, 2, 3]);
    const tracker = result.features[0];
    expect(tracker.stability.signKeeping).toBe(1);
    expect(tracker.leaveOneOut.signSurvives).toBe(true);
    expect(tracker.direction).toMatchObject({ agreeing: 5, defined: 5 });
    expect(tracker.rmcorr.qValue).not.toBeNull();
    expect(tracker.change.estimate).not.toBeNull();
    // the change Spearman equals the bootstrap statistic on the full data
    const change = bootstrap(featureCorrelationStatistic("spearman", scoringData(toyCohort(), TOY).change));
    expect(tracker.change.estimate).toBe(change.estimates[change.names.indexOf("tracker")]);
    // same seed, same everything
    expect(JSON.stringify(scoreBiomarkers(toyCohort(), { ...TOY, seed: 3, replicates: 500 }))).toBe(
      JSON.stringify(scoreBiomarkers(toyCohort(), { ...TOY, seed: 3, replicates: 500 })),
    );
  });
});

describe("candidates", () => {
  it("exclude removes features from the default candidates and from an explicit list, ignoring case and punctuation, and reports them", () => {
    const all = scoreBiomarkers(toyCohort(), { ...TOY, exclude: ["TRACKER", "not-measured"] });
    expect(all.features.map((f) => f.feature).sort()).toEqual(["noise", "sparse"]);
    expect(all.excluded).toEqual(["tracker"]);
    const listed = scoreBiomarkers(toyCohort(), { ...TOY, features: ["tracker", "noise"], exclude: ["tracker"] });
    expect(listed.features.map((f) => f.feature)).toEqual(["noise"]);
    expect(listed.excluded).toEqual(["tracker"]);
    expect(() => scoreBiomarkers(toyCohort(), { ...TOY, features: ["tracker"], exclude: ["tracker"] })).toThrow(/no candidate features to score \(excluded: tracker\)/);
  });
});

describe("FDR of the landmark-change tests", () => {
  it("uses discrete BH step-down with the exact supports, and BH when a p-value has no support", async () => {
    const { spearmanTest } = await import("@biomarker/correlation");
    const { discreteBH, pAdjust } = await import("@biomarker/multiple-testing");
    const { changeFdr } = await import("../src/changeFdr.js");
    const y = [1, 2, 3, 4, 5, 6];
    const tests = [[1, 2, 3, 4, 6, 5], [2, 1, 4, 3, 6, 5], [6, 5, 4, 3, 2, 1], [3, 6, 1, 5, 2, 4]].map((x) => spearmanTest(x, y));
    const exact = changeFdr(tests);
    expect(exact.method).toBe("DBH-SD");
    expect(exact.qValues).toEqual(discreteBH(tests.map((t) => ({ pValue: t.pValue, support: t.support as Float64Array })), { direction: "step-down" }).adjusted);
    const mixed = changeFdr([...tests, { ...tests[0], support: null, pValue: 0.2 }]);
    expect(mixed.method).toBe("BH");
    expect(mixed.qValues).toEqual(pAdjust([...tests.map((t) => t.pValue), 0.2], "BH"));
  });
});

describe("degenerate scoring inputs", () => {
  it("a feature never measured and a constant feature score 0 with null estimates instead of failing", () => {
    const rows = toyCohort();
    for (const r of rows.filter((r) => r.feature === "sledai2k")) {
      rows.push({ ...r, feature: "absent", value: null });
      rows.push({ ...r, feature: "constant", value: 4 });
    }
    const result = scoreBiomarkers(rows, TOY);
    for (const name of ["absent", "constant"]) {
      const f = result.features.find((x) => x.feature === name)!;
      expect(f.score).toBe(0);
      expect(f.rmcorr.estimate).toBeNull();
      expect(f.rmcorr.percentile).toBeNull();
      expect(f.leaveOneOut.signSurvives).toBeNull();
      expect(f.stability.signKeeping).toBeNull();
    }
    expect(result.features.slice(-2).map((f) => f.feature).sort()).toEqual(["absent", "constant"]);
  });

  it("an outcome observed in fewer than 3 subjects, an unknown feature and a bad landmark are input errors", () => {
    const two = toyCohort().filter((r) => r.subject === "P1" || r.subject === "P2");
    expect(() => scoreBiomarkers(two, TOY)).toThrow(/at least 3 are needed/);
    expect(() => scoreBiomarkers(toyCohort(), { ...TOY, features: ["CD19"] })).toThrow(/feature 'CD19' is not a feature/);
    expect(() => scoreBiomarkers(toyCohort(), { ...TOY, landmark: "D999" })).toThrow(/landmark visit 'D999'/);
  });
});

describe("per-feature correlation kernel", () => {
  it("equals @biomarker/correlation's Spearman and Pearson on the expanded resample, with missing values, to 1e-12", async () => {
    const { spearmanTest, pearsonTest } = await import("@biomarker/correlation");
    const subjects = ["a", "b", "c", "d", "e", "f", "g"];
    const outcome = [3, 1, null, 4, 1, 5, 9];
    const features = [
      { name: "complete", values: [2, 7, 1, 8, 2, 8, 1] },
      { name: "gappy", values: [null, 1.5, 2.5, 0.5, 3.5, null, 2] },
      { name: "ties", values: [1, 1, 2, 2, 3, 3, 3] },
    ];
    const data = { subjects, outcome, features };
    for (const [method, test] of [["spearman", spearmanTest], ["pearson", pearsonTest]] as const) {
      const statistic = featureCorrelationStatistic(method, data);
      const out = new Float64Array(features.length);
      for (const counts of [[1, 1, 1, 1, 1, 1, 1], [2, 0, 1, 3, 0, 1, 0], [0, 2, 2, 0, 1, 1, 1], [3, 1, 0, 0, 0, 2, 1]]) {
        statistic.evaluate(Int32Array.from(counts), out);
        features.forEach((f, j) => {
          const x: (number | null)[] = [];
          const y: (number | null)[] = [];
          counts.forEach((c, s) => {
            for (let k = 0; k < c; k++) {
              x.push(f.values[s]);
              y.push(outcome[s]);
            }
          });
          const result = test(x, y);
          const pairs = x.filter((v, k) => v !== null && y[k] !== null).length;
          // Two pairs: the tests need 3, but r = +-1 is defined, as R's cor() (and boot) return it.
          if (pairs === 2) expect(Math.abs(out[j])).toBe(1);
          else if (result.estimate === null) expect(Number.isNaN(out[j])).toBe(true);
          else expect(Math.abs(out[j] - result.estimate)).toBeLessThan(1e-12);
        });
      }
    }
  });
});

describe("what the score guards against", () => {
  it("an association made by one subject outranks a consistent one on |r| but not on the score", () => {
    const rows: LongMeasurement[] = [];
    const days = [-7, 0, 7, 14, 28, 56, 84];
    // deterministic pseudo-noise in [-0.5, 0.5)
    let state = 12345;
    const noise = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648 - 0.5;
    };
    for (let s = 0; s < 6; s++) {
      days.forEach((day, v) => {
        const activity = day <= 0 ? 8 + s : Math.max(0, 8 + s - 1.2 * v + 2 * noise());
        const base = { subject: `P${s + 1}`, visit: `V${v}`, day };
        rows.push({ ...base, feature: "sledai2k", value: activity });
        // consistent: a modest dependence on activity in every subject
        rows.push({ ...base, feature: "consistent", value: 0.02 * activity + 0.6 * noise() });
        // one subject: a huge dependence in P6 only, pure noise elsewhere
        rows.push({ ...base, feature: "oneSubject", value: (s === 5 ? 6 * activity : 0) + 0.6 * noise() });
      });
    }
    const result = scoreBiomarkers(rows, { outcome: "sledai2k", landmark: "V6" });
    const consistent = result.features.find((f) => f.feature === "consistent")!;
    const oneSubject = result.features.find((f) => f.feature === "oneSubject")!;
    expect(Math.abs(oneSubject.rmcorr.estimate as number)).toBeGreaterThan(Math.abs(consistent.rmcorr.estimate as number));
    expect(consistent.score).toBeGreaterThan(oneSubject.score);
    expect(oneSubject.leaveOneOut.mostInfluential).toBe("P6");
    expect(oneSubject.components.robustness).toBeLessThan(0.5);
  });
});
