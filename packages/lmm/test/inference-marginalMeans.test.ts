import { describe, expect, it } from "vitest";
import { adjustPValues, estimatedMarginalMeans } from "../src/inference/marginalMeans.js";
import { fixtureModels, reference, relativeError } from "./inference-fixtureModel.js";

const levels = ["V1", "V2", "V3", "V4", "V5", "V6", "V7", "V8"];

describe("estimated marginal means and contrasts against baseline match emmeans", () => {
  for (const ref of reference.emmeans) {
    it(`${ref.method}, adjust = ${ref.adjust}: means, SEs, df, p and CIs within 1e-4 relative`, () => {
      const model = fixtureModels.simVisit();
      const r = estimatedMarginalMeans(model, { factor: "visit", levels, ddf: ref.method, adjust: ref.adjust });
      r.means.forEach((m, k) => {
        expect(m.level).toBe(ref.emmeans.level[k]);
        expect(relativeError(m.estimate, ref.emmeans.emmean[k])).toBeLessThan(1e-8);
        expect(relativeError(m.stdError, ref.emmeans.stdError[k])).toBeLessThan(1e-6);
        expect(relativeError(m.df as number, ref.emmeans.df[k])).toBeLessThan(1e-4);
        expect(relativeError(m.lower, ref.emmeans.lower[k])).toBeLessThan(1e-6);
        expect(relativeError(m.upper, ref.emmeans.upper[k])).toBeLessThan(1e-6);
      });
      r.contrasts.forEach((c, k) => {
        expect(c.contrast).toBe(ref.contrasts.contrast[k]);
        expect(relativeError(c.estimate, ref.contrasts.estimate[k])).toBeLessThan(1e-8);
        expect(relativeError(c.stdError, ref.contrasts.stdError[k])).toBeLessThan(1e-6);
        expect(relativeError(c.df as number, ref.contrasts.df[k])).toBeLessThan(1e-4);
        expect(relativeError(c.adjustedPValue as number, ref.contrasts.pValue[k])).toBeLessThan(1e-4);
        expect(relativeError(c.lower, ref.contrasts.lower[k])).toBeLessThan(1e-5);
        expect(relativeError(c.upper, ref.contrasts.upper[k])).toBeLessThan(1e-5);
      });
    });
  }

  it("Holm's adjustment equals brute-force step-down on a worked example", () => {
    const p = [0.01, 0.04, 0.03, 0.2];
    // sorted 0.01, 0.03, 0.04, 0.2 -> 0.04, 0.09, 0.09 (monotone), 0.2
    expect(adjustPValues(p, "holm")).toEqual([0.04, 0.09, 0.09, 0.2]);
    expect(adjustPValues(p, "bonferroni")).toEqual([0.04, 0.16, 0.12, 0.8]);
  });

  for (const ref of reference.emmeansSex) {
    it(`age * Sex, ${ref.method}: means of Sex at the mean age match emmeans (1e-4)`, () => {
      const r = estimatedMarginalMeans(fixtureModels.orthodontSex(), { factor: "Sex", levels: ["Male", "Female"], ddf: ref.method });
      r.means.forEach((m, k) => {
        expect(m.level).toBe(ref.level[k]);
        expect(relativeError(m.estimate, ref.emmean[k])).toBeLessThan(1e-6);
        expect(relativeError(m.stdError, ref.stdError[k])).toBeLessThan(1e-5);
        expect(relativeError(m.df as number, ref.df[k])).toBeLessThan(1e-4);
        expect(relativeError(m.lower, ref.lower[k])).toBeLessThan(1e-5);
      });
    });
  }

  for (const ref of reference.emmeansDay) {
    it(`numeric day, ${ref.method}: means at days 0, 7, 28 and changes from day 0 match emmeans (1e-4)`, () => {
      const r = estimatedMarginalMeans(fixtureModels.simSlope(), { factor: "day", levels: [], at: ref.at, ddf: ref.method });
      expect(r.means.map((m) => m.level)).toEqual(["0", "7", "28"]);
      r.means.forEach((m, k) => {
        expect(relativeError(m.estimate, ref.emmean[k])).toBeLessThan(1e-6);
        expect(relativeError(m.stdError, ref.stdError[k])).toBeLessThan(1e-5);
        expect(relativeError(m.df as number, ref.df[k])).toBeLessThan(1e-4);
        expect(relativeError(m.upper, ref.upper[k])).toBeLessThan(1e-5);
      });
      r.contrasts.forEach((c, k) => {
        expect(c.contrast).toBe(`${ref.at[k + 1]} - 0`);
        expect(relativeError(c.estimate, ref.contrast.estimate[k])).toBeLessThan(1e-6);
        expect(relativeError(c.df as number, ref.contrast.df[k])).toBeLessThan(1e-4);
        expect(relativeError(c.pValue as number, ref.contrast.pValue[k])).toBeLessThan(1e-4);
        expect(relativeError(c.lower, ref.contrast.lower[k])).toBeLessThan(1e-5);
      });
    });
  }

  it("other factors are averaged with equal weights and covariates held at their mean (reference grid)", () => {
    const model = fixtureModels.orthodontSex();
    const r = estimatedMarginalMeans(model, { factor: "Sex", levels: ["Male", "Female"], ddf: "none" });
    // age is at its mean, 11; Female row: (1, 11, 1, 11); the contrast is SexFemale + 11 age:SexFemale.
    expect(Array.from(r.weights[1])).toEqual([1, 11, 1, 11]);
    expect(Array.from(r.weights[0])).toEqual([1, 11, 0, 0]);
    expect(() => estimatedMarginalMeans(model, { factor: "Sex", levels: ["Male", "Female"], ddf: "none", otherFactors: {} })).not.toThrow();
  });

  it("a visit without a column (dropped) is reported as non-estimable, not given a wrong mean", () => {
    const model = fixtureModels.simVisit();
    // drop the V8 column as the design would if V8 had no observations
    const p = model.p - 1;
    const reduced = { ...model, p, x: model.x.slice(0, model.n * p), beta: model.beta.slice(0, p), fixedNames: model.fixedNames.slice(0, p) };
    const r = estimatedMarginalMeans(reduced, { factor: "visit", levels, ddf: "none" });
    expect(r.means.map((m) => m.level)).toEqual(levels.slice(0, 7));
    expect(r.contrasts.length).toBe(6);
    expect(r.nonEstimable).toEqual([{ level: "V8", reason: expect.stringMatching(/no column 'visitV8'/) }]);
  });
});
