import { describe, expect, it } from "vitest";
import { profileConfint } from "../src/inference/profile.js";
import { ProfiledDeviance } from "../src/inference/profiledDeviance.js";
import { buildModel, fixtureModels, intercept, numeric, readReferenceCsv, reference, relativeError } from "./inference-fixtureModel.js";

describe("profiled deviance", () => {
  it("equals lme4's REML criterion on sleepstudy (1743.628271958) and ML deviance (-2 logLik) to 1e-9", () => {
    const reml = fixtureModels.sleepstudyReml();
    expect(relativeError(new ProfiledDeviance(reml).evaluate(reml.theta, { reml: true }), 1743.628271958)).toBeLessThan(1e-9);
    const ml = fixtureModels.sleepstudyMl();
    expect(relativeError(new ProfiledDeviance(ml).evaluate(ml.theta, { reml: false }), -2 * reference.models.sleepstudyMl.fit.logLik)).toBeLessThan(1e-9);
  });

  it("with sigma held at its profiled value it equals the sigma-profiled deviance", () => {
    const m = fixtureModels.orthodont();
    const d = new ProfiledDeviance(m);
    const s = d.sigmaAt(m.theta, true);
    expect(relativeError(s, reference.models.orthodont.fit.sigma)).toBeLessThan(1e-7);
    expect(d.evaluate(m.theta, { reml: true, sigma: s })).toBeCloseTo(d.evaluate(m.theta, { reml: true }), 9);
  });
});

describe("profile-likelihood intervals", () => {
  it("match lme4's confint(profile) on the sleepstudy ML fit to 1e-3 relative (SDs, correlation, sigma, fixed effects)", () => {
    const ci = profileConfint(fixtureModels.sleepstudyMl());
    const ref = reference.profile.sleepstudyMl;
    for (const row of ci) {
      const k = ref.parameter.indexOf(row.parameter);
      expect(row.criterion).toBe("ML");
      expect(relativeError(row.lower as number, ref.lower[k])).toBeLessThan(1e-3);
      expect(relativeError(row.upper as number, ref.upper[k])).toBeLessThan(1e-3);
    }
    const byName = Object.fromEntries(ci.map((r) => [r.parameter, r]));
    expect(byName["(Intercept)"].lower).toBeCloseTo(237.681, 2);
    expect(byName["(Intercept)"].upper).toBeCloseTo(265.13, 2);
    expect(byName.Days.lower).toBeCloseTo(7.359, 3);
    expect(byName.Days.upper).toBeCloseTo(13.576, 3);
    expect(byName.sigma.lower).toBeCloseTo(22.898, 3);
    expect(byName.sigma.upper).toBeCloseTo(28.858, 3);
  });

  it("random-intercept ML fit: SD, sigma and fixed effects match lme4 to 1e-3", () => {
    const ref = reference.profile.sleepstudyInterceptMl;
    const model = buildModel(readReferenceCsv("sleepstudy"), "Reaction", [intercept, numeric("Days")], [{ group: "Subject", covariates: [""] }], ref.fit);
    const ci = profileConfint(model);
    expect(ci.length).toBe(4);
    for (const row of ci) {
      const k = ref.parameter.indexOf(row.parameter);
      expect(relativeError(row.lower as number, ref.lower[k])).toBeLessThan(1e-3);
      expect(relativeError(row.upper as number, ref.upper[k])).toBeLessThan(1e-3);
    }
  });

  it("REML fit: sigma is profiled on the REML criterion (independent R oracle, 1e-6)", () => {
    const [row] = profileConfint(fixtureModels.sleepstudyReml(), { parameters: ["sigma"] });
    const ref = reference.profile.sleepstudyReml_sigmaOnRemlCriterion;
    expect(row.criterion).toBe("REML");
    expect(relativeError(row.lower as number, ref[0])).toBeLessThan(1e-6);
    expect(relativeError(row.upper as number, ref[1])).toBeLessThan(1e-6);
  });

  it("REML fit: fixed-effect profiles on the restricted criterion are close to lme4's ML-deviance profiles (1%)", () => {
    const ci = profileConfint(fixtureModels.sleepstudyReml(), { parameters: ["(Intercept)", "Days"] });
    const ref = reference.profile.sleepstudyReml_lme4;
    for (const row of ci) {
      const k = ref.parameter.indexOf(row.parameter);
      const width = ref.upper[k] - ref.lower[k];
      expect(row.lower as number).toBeLessThan(row.estimate);
      expect(row.upper as number).toBeGreaterThan(row.estimate);
      expect(Math.abs((row.lower as number) - ref.lower[k]) / width).toBeLessThan(0.01);
      expect(Math.abs((row.upper as number) - ref.upper[k]) / width).toBeLessThan(0.01);
    }
  });

  it("REML fit: fixed effects profiled on the REML criterion with x_j b as offset match an independent R oracle (1e-6)", () => {
    const ci = profileConfint(fixtureModels.sleepstudyReml(), { parameters: ["(Intercept)", "Days"] });
    const ref = reference.profile.sleepstudyReml_fixedOnRemlCriterion;
    ci.forEach((row, k) => {
      expect(row.parameter).toBe(ref.parameter[k]);
      expect(relativeError(row.lower as number, ref.lower[k])).toBeLessThan(1e-6);
      expect(relativeError(row.upper as number, ref.upper[k])).toBeLessThan(1e-6);
    });
  });
});
