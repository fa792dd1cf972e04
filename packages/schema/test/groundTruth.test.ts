import { describe, expect, it } from "vitest";
import { simulateCohort } from "../src/index.js";

/**
 * Pooled within-subject correlation between a feature (on its link scale) and the latent activity A:
 * both centred on each subject's mean, then Pearson's r of the centred values, over 20 cohorts.
 */
const cohorts = Array.from({ length: 20 }, (_, k) => simulateCohort({ seed: k + 1, subjects: 6 }));

function withinSubjectCorrelation(feature: string, link: (v: number) => number): number {
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const { study, groundTruth } of cohorts) {
    const activity = new Map(groundTruth.activity.map((a) => [`${a.subject}/${a.visit}`, a.activity]));
    const rows = study.measurements.filter((m) => m.feature === feature && m.value !== null);
    for (const s of study.subjects) {
      const pairs = rows
        .filter((m) => m.subject === s.id)
        .map((m) => [link(m.value!), activity.get(`${m.subject}/${m.visit}`)!] as const);
      if (pairs.length < 3) continue;
      const mx = pairs.reduce((a, p) => a + p[0], 0) / pairs.length;
      const my = pairs.reduce((a, p) => a + p[1], 0) / pairs.length;
      for (const [x, y] of pairs) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) ** 2;
        syy += (y - my) ** 2;
      }
    }
  }
  return sxy / Math.sqrt(sxx * syy);
}

const logitPct = (v: number) => Math.log(v / (100 - v));

describe("the ground truth is recoverable from simulated cohorts", () => {
  it("strong features correlate strongly with latent activity within subjects (20 cohorts)", () => {
    expect(withinSubjectCorrelation("c3", Math.log)).toBeLessThan(-0.7);
    expect(withinSubjectCorrelation("anti_dsdna", Math.log)).toBeGreaterThan(0.7);
    expect(withinSubjectCorrelation("cd4_activated_pct", logitPct)).toBeGreaterThan(0.5);
    expect(withinSubjectCorrelation("sledai2k", (v) => v)).toBeGreaterThan(0.8);
  });

  it("features named as carrying no signal do not correlate with activity (20 cohorts)", () => {
    expect(Math.abs(withinSubjectCorrelation("mdc_pct", logitPct))).toBeLessThan(0.15);
    expect(Math.abs(withinSubjectCorrelation("gd_t_pct", logitPct))).toBeLessThan(0.15);
  });
});
