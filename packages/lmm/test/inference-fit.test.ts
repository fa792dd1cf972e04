/** Inference on real fits from fitLmm (the fitter of this package), against the lmerTest/pbkrtest/emmeans
 *  fixtures. fitLmm reaches the optimum that lme4's default optimizer stops short of, so its fits are compared
 *  with lmerTest run on R's tightly converged refit (`tight` in the fixture): on sleepstudy the Satterthwaite
 *  df are then 17.0000 rather than lme4-default's 16.9997. */
import { describe, expect, it } from "vitest";
import { fitLmm } from "../src/index.js";
import { anovaTypeIII, fixedTermsOf } from "../src/inference/anova.js";
import { kenwardRoger, satterthwaite } from "../src/inference/contrastTests.js";
import { denominatorDf, lmmInference } from "../src/inference/lmmInference.js";
import { marginalMeansOf } from "../src/inference/marginalMeans.js";
import { profileConfint } from "../src/inference/profile.js";
import { likelihoodRatioTable, likelihoodRatioTest } from "../src/inference/likelihoodRatio.js";
import { parametricBootstrap } from "../src/inference/parametricBootstrap.js";
import { type Row, readCsv, readReferenceCsv, reference, relativeError } from "./inference-fixtureModel.js";

type Columns = Record<string, (string | number)[]>;
function columns(rows: Row[], numeric: string[]): Columns {
  const out: Columns = {};
  for (const key of Object.keys(rows[0])) out[key] = rows.map((r) => (numeric.includes(key) ? Number(r[key]) : r[key]));
  return out;
}
const sleep = columns(readReferenceCsv("sleepstudy"), ["Reaction", "Days"]);
const orthodont = columns(readReferenceCsv("Orthodont"), ["distance", "age"]);
const sim = columns(readCsv("inference-sim.csv"), ["day", "value", "flat"]);
const dyestuff2 = columns(readReferenceCsv("Dyestuff2"), ["Yield"]);
const penicillin = columns(readReferenceCsv("Penicillin"), ["diameter"]);

function expectTable(actual: { df: number | null; pValue: number | null; stdError: number }[], ref: { df: number | number[]; pValue: number | number[]; stdError: number | number[] }) {
  const dfs = [ref.df].flat();
  const ps = [ref.pValue].flat();
  const ses = [ref.stdError].flat();
  actual.forEach((row, j) => {
    expect(relativeError(row.df as number, dfs[j])).toBeLessThan(1e-4);
    expect(relativeError(row.pValue as number, ps[j])).toBeLessThan(1e-4);
    expect(relativeError(row.stdError, ses[j])).toBeLessThan(1e-5);
  });
}

describe("inference on fitLmm fits matches lmerTest and pbkrtest", () => {
  const cases: [string, Columns, string, Record<string, string[]>?][] = [
    ["sleepstudyReml", sleep, "Reaction ~ Days + (Days | Subject)"],
    ["sleepstudyIntercept", sleep, "Reaction ~ Days + (1 | Subject)"],
    ["orthodont", orthodont, "distance ~ age + (age | Subject)"],
    ["orthodontSex", orthodont, "distance ~ age * Sex + (age | Subject)", { Sex: ["Male", "Female"] }],
    ["dyestuff2", dyestuff2, "Yield ~ 1 + (1 | Batch)"],
    ["penicillin", penicillin, "diameter ~ 1 + (1 | plate) + (1 | sample)"],
    ["simSlope", sim, "value ~ day + (day | subject)"],
    ["simVisit", sim, "value ~ visit + (1 | subject)"],
    ["simSingular", sim, "flat ~ visit + (1 | subject)"],
  ];
  for (const [name, data, formula, levels] of cases) {
    it(`${name}: Satterthwaite and Kenward-Roger tables within 1e-4 of lmerTest at R's tightly converged fit`, () => {
      const fit = fitLmm(data, formula, { levels });
      const ref = reference.models[name].tight;
      expect(fit.fixedEffects.map((f) => f.term)).toEqual([ref.satterthwaite.term].flat());
      expectTable(lmmInference(fit, { ddf: "satterthwaite" }).fixedEffects, ref.satterthwaite);
      expectTable(lmmInference(fit, { ddf: "kenward-roger" }).fixedEffects, ref.kenwardRoger);
    });
  }

  it("the denominatorDf hook fills fitLmm's fixedEffects (sleepstudy Satterthwaite and KR df 17)", () => {
    const s = fitLmm(sleep, "Reaction ~ Days + (Days | Subject)", { denominatorDf: denominatorDf("satterthwaite") });
    // 16.9997262885 and 16.9999837256 at lme4's default stopping point; 17 to 1e-6 at the optimum.
    expect(relativeError(s.fixedEffects[0].df as number, 16.9997262885)).toBeLessThan(1e-4);
    expect(relativeError(s.fixedEffects[1].df as number, 16.9999837256)).toBeLessThan(1e-4);
    expect(s.fixedEffects[0].df).toBeCloseTo(17, 5);
    const k = fitLmm(sleep, "Reaction ~ Days + (Days | Subject)", { denominatorDf: denominatorDf("kenward-roger") });
    expect(k.fixedEffects[1].df).toBeCloseTo(17, 4);
    const o = fitLmm(orthodont, "distance ~ age + (age | Subject)", { denominatorDf: denominatorDf("satterthwaite") });
    expect(o.fixedEffects[1].df).toBeCloseTo(25.998, 2);
  });

  it("visit model: Type III F tests, marginal means and contrasts vs baseline as emmeans", () => {
    const fit = fitLmm(sim, "value ~ visit + (1 | subject)");
    expect(fixedTermsOf(fit.design)).toEqual([{ label: "visit", columns: [1, 2, 3, 4, 5, 6, 7], variables: [0] }]);
    for (const [ddf, key] of [["satterthwaite", "satterthwaite"], ["kenward-roger", "kenwardRoger"]] as const) {
      const r = lmmInference(fit, { ddf, anova: true, emmeans: "visit" });
      const ref = reference.models.simVisit.anovaTypeIII[key];
      const row = r.anova![0];
      expect(relativeError(row.statistic, ref.F)).toBeLessThan(1e-5);
      expect(relativeError(row.denDf as number, ref.denDf)).toBeLessThan(1e-4);
      expect(relativeError(row.pValue as number, ref.pValue)).toBeLessThan(1e-4);
      const em = reference.emmeans.find((e: any) => e.method === ddf && e.adjust === "none");
      r.emmeans!.contrasts.forEach((c, k) => {
        expect(c.contrast).toBe(em.contrasts.contrast[k]);
        expect(relativeError(c.df as number, em.contrasts.df[k])).toBeLessThan(1e-4);
        expect(relativeError(c.pValue as number, em.contrasts.pValue[k])).toBeLessThan(1e-4);
        expect(relativeError(c.lower, em.contrasts.lower[k])).toBeLessThan(1e-4);
      });
    }
  });

  it("age * Sex: lmmInference's Type III anova matches lmerTest (term mapping from the design)", () => {
    const fit = fitLmm(orthodont, "distance ~ age * Sex + (age | Subject)", { levels: { Sex: ["Male", "Female"] } });
    const r = lmmInference(fit, { ddf: "kenward-roger", anova: true });
    const ref = reference.models.orthodontSex.anovaTypeIII.kenwardRoger;
    expect(r.anova!.map((a) => a.term)).toEqual(ref.term);
    r.anova!.forEach((row, k) => {
      expect(relativeError(row.statistic, ref.F[k])).toBeLessThan(1e-5);
      expect(relativeError(row.pValue as number, ref.pValue[k])).toBeLessThan(1e-4);
    });
  });

  it("likelihood-ratio tests refit REML fits by ML as anova() does", () => {
    const full = fitLmm(sleep, "Reaction ~ Days + (Days | Subject)");
    const cases = [fitLmm(sleep, "Reaction ~ 1 + (Days | Subject)"), fitLmm(sleep, "Reaction ~ Days + (1 | Subject)")];
    cases.forEach((m0, k) => {
      const ref = reference.likelihoodRatio[k];
      const r = likelihoodRatioTest(m0.model, full.model);
      expect(r.refittedMl).toBe(true);
      expect(relativeError(r.models[0].aic, ref.AIC[0])).toBeLessThan(1e-8);
      expect(relativeError(r.models[1].bic, ref.BIC[1])).toBeLessThan(1e-8);
      expect(relativeError(r.chisq, ref.chisq)).toBeLessThan(1e-5);
      expect(relativeError(r.pValue, ref.pValue)).toBeLessThan(1e-4);
    });
  });

  it("several models at once: AIC/BIC table and sequential tests as R's anova(m1, m2, m3)", () => {
    const ref = reference.likelihoodRatioTable;
    const table = likelihoodRatioTable([
      fitLmm(sleep, "Reaction ~ Days + (Days | Subject)").model,
      fitLmm(sleep, "Reaction ~ Days + (1 | Subject)").model,
      fitLmm(sleep, "Reaction ~ 1 + (Days | Subject)").model,
    ]);
    table.forEach((row, k) => {
      expect(row.npar).toBe(ref.npar[k]);
      expect(relativeError(row.aic, ref.AIC[k])).toBeLessThan(1e-8);
      expect(relativeError(row.bic, ref.BIC[k])).toBeLessThan(1e-8);
      if (k === 0) expect(row.chisq).toBeNull();
      else {
        expect(relativeError(row.chisq as number, ref.chisq[k])).toBeLessThan(1e-5);
        expect(relativeError(row.pValue as number, ref.pValue[k])).toBeLessThan(1e-4);
      }
    });
  });

  it("profile intervals on the fitted ML model match lme4 to 1e-3", () => {
    const fit = fitLmm(sleep, "Reaction ~ Days + (Days | Subject)", { reml: false });
    const r = lmmInference(fit, { ci: "profile" });
    const ref = reference.profile.sleepstudyMl;
    for (const row of r.confidenceIntervals!.intervals) {
      const k = ref.parameter.indexOf(row.parameter);
      expect(relativeError(row.lower as number, ref.lower[k])).toBeLessThan(1e-3);
      expect(relativeError(row.upper as number, ref.upper[k])).toBeLessThan(1e-3);
    }
  });

  it("parametric bootstrap on a real fit: same seed, identical output", () => {
    const fit = fitLmm(sim, "value ~ day + (day | subject)");
    const a = parametricBootstrap(fit.model, { nsim: 20, seed: 11 });
    const b = parametricBootstrap(fit.model, { nsim: 20, seed: 11 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.intervals.map((i) => i.parameter)).toEqual(["sd_(Intercept)|subject", "cor_day.(Intercept)|subject", "sd_day|subject", "sigma", "(Intercept)", "day"]);
  });

  it("singular fits are reported with the df rule applied", () => {
    const fit = fitLmm(dyestuff2, "Yield ~ 1 + (1 | Batch)");
    const asFitted = lmmInference(fit, { ddf: "satterthwaite" });
    expect(asFitted.singular).toBe(true);
    expect(asFitted.fixedEffects[0].df).toBeCloseTo(29, 4);
    expect(asFitted.dfRule).toMatch(/boundary/);
    expect(asFitted.warnings.join(" ")).toMatch(/singular fit/);
    const kr = lmmInference(fit, { ddf: "satterthwaite", singularDf: "kenward-roger" });
    expect(kr.fixedEffects[0].df).toBeCloseTo(5, 4);
    expect(kr.dfRule).toMatch(/Kenward-Roger/);
    const hooked = fitLmm(dyestuff2, "Yield ~ 1 + (1 | Batch)", { denominatorDf: denominatorDf("satterthwaite", { singularDf: "kenward-roger" }) });
    expect(hooked.fixedEffects[0].df).toBeCloseTo(5, 4);
  });

  it("ddf none: no df and no p-values in the fixed-effect table; contrasts use asymptotic z", () => {
    const fit = fitLmm(sim, "value ~ visit + (1 | subject)");
    const r = lmmInference(fit, { ddf: "none", emmeans: "visit" });
    expect(r.fixedEffects.every((f) => f.df === null && f.pValue === null)).toBe(true);
    const c = r.emmeans!.contrasts[0];
    expect(c.df).toBeNull();
    expect(c.upper - c.estimate).toBeCloseTo(1.959963984540054 * c.stdError, 10);
  });

  it("emmeans on a numeric time: distinct observed days, changes from the first day", () => {
    const fit = fitLmm(sim, "value ~ day + (day | subject)");
    const r = lmmInference(fit, { ddf: "kenward-roger", emmeans: "day" });
    expect(r.emmeans!.means.map((m) => m.level)).toEqual(["0", "1", "3", "7", "14", "28", "56", "84"]);
    const d28 = r.emmeans!.contrasts.find((c) => c.contrast === "28 - 0")!;
    expect(d28.estimate).toBeCloseTo(28 * fit.model.beta[1], 10);
  });

  it("every entry point takes the fit itself: satterthwaite(fit), kenwardRoger(fit, L), anovaTypeIII(fit), marginalMeansOf(fit, col), likelihoodRatioTest(fit0, fit1), profileConfint(fit), parametricBootstrap(fit)", () => {
    const fit = fitLmm(sim, "value ~ visit + (1 | subject)");
    const ref = reference.models.simVisit.tight;
    expect(relativeError(satterthwaite(fit)[1].df as number, ref.satterthwaite.df[1])).toBeLessThan(1e-4);
    const l = [0, 0, 0, 0, 0, 1, 0, 0];
    expect(relativeError(kenwardRoger(fit, [l])[0].df as number, ref.kenwardRoger.df[5])).toBeLessThan(1e-4);
    const [row] = anovaTypeIII(fit, { ddf: "kenward-roger" });
    expect(relativeError(row.pValue as number, reference.models.simVisit.anovaTypeIII.kenwardRoger.pValue)).toBeLessThan(1e-4);
    const em = marginalMeansOf(fit, "visit", { ddf: "satterthwaite" });
    expect(em.contrasts.map((c) => c.contrast)[0]).toBe("V2 - V1");
    const m0 = fitLmm(sim, "value ~ 1 + (1 | subject)");
    expect(likelihoodRatioTest(m0, fit).df).toBe(7);
    expect(profileConfint(fit, { parameters: ["sigma"] })[0].criterion).toBe("REML");
    expect(parametricBootstrap(fit, { nsim: 5, seed: 1 }).nsim).toBe(5);
  });
});
