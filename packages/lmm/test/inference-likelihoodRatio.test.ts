import { describe, expect, it } from "vitest";
import { likelihoodRatioTest } from "../src/inference/likelihoodRatio.js";
import { buildModel, intercept, numeric, readReferenceCsv, reference, relativeError } from "./inference-fixtureModel.js";

const sleep = readReferenceCsv("sleepstudy");
const slope = { group: "Subject", covariates: ["", "Days"] };

describe("likelihood-ratio tests match R's anova(m0, m1)", () => {
  const cases = {
    "fixed Days": () => [
      buildModel(sleep, "Reaction", [intercept], [slope], reference.likelihoodRatio[0].fitsMl[0]),
      buildModel(sleep, "Reaction", [intercept, numeric("Days")], [slope], reference.likelihoodRatio[0].fitsMl[1]),
    ],
    "random slope": () => [
      buildModel(sleep, "Reaction", [intercept, numeric("Days")], [{ group: "Subject", covariates: [""] }], reference.likelihoodRatio[1].fitsMl[0]),
      buildModel(sleep, "Reaction", [intercept, numeric("Days")], [slope], reference.likelihoodRatio[1].fitsMl[1]),
    ],
  };
  reference.likelihoodRatio.forEach((ref: any, k: number) => {
    it(`${ref.label}: logLik, AIC, BIC to 1e-9, chisq and p to 1e-6 relative`, () => {
      const [m0, m1] = cases[ref.label as keyof typeof cases]();
      const r = likelihoodRatioTest(m1, m0);
      r.models.forEach((m, i) => {
        expect(m.npar).toBe(ref.npar[i]);
        expect(relativeError(m.logLik, ref.logLik[i])).toBeLessThan(1e-9);
        expect(relativeError(m.aic, ref.AIC[i])).toBeLessThan(1e-9);
        expect(relativeError(m.bic, ref.BIC[i])).toBeLessThan(1e-9);
      });
      expect(r.df).toBe(ref.df);
      expect(relativeError(r.chisq, ref.chisq)).toBeLessThan(1e-6);
      expect(relativeError(r.pValue, ref.pValue)).toBeLessThan(1e-5);
      expect(r.boundaryNote === null).toBe(k === 0);
    });
  });

  it("REML fits without a refit hook are refused, not compared on REML likelihoods", () => {
    const m = buildModel(sleep, "Reaction", [intercept, numeric("Days")], [slope], reference.models.sleepstudyReml.fit);
    const m0 = buildModel(sleep, "Reaction", [intercept], [slope], { ...reference.models.sleepstudyReml.fit, beta: [250] });
    expect(() => likelihoodRatioTest(m0, m)).toThrow(/refitted by ML/);
  });
});
