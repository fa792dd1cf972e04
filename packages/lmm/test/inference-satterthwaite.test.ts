import { describe, expect, it } from "vitest";
import { anovaTypeIII } from "../src/inference/anova.js";
import { denominatorDf } from "../src/inference/lmmInference.js";
import { satterthwaiteFTest, satterthwaiteSetup, satterthwaiteTest } from "../src/inference/satterthwaite.js";
import { fixtureModels, reference, relativeError } from "./inference-fixtureModel.js";

const unit = (p: number, j: number) => Array.from({ length: p }, (_, k) => (k === j ? 1 : 0));

describe("Satterthwaite df and p-values match lmerTest", () => {
  for (const name of Object.keys(fixtureModels)) {
    it(`${name}: every coefficient's df, SE and p within 1e-4 relative`, () => {
      const model = fixtureModels[name]();
      const setup = satterthwaiteSetup(model);
      const ref = reference.models[name].satterthwaite;
      const dfs = [ref.df].flat();
      const ses = [ref.stdError].flat();
      const ps = [ref.pValue].flat();
      for (let j = 0; j < model.p; j++) {
        const t = satterthwaiteTest(setup, unit(model.p, j));
        expect(relativeError(t.df as number, dfs[j])).toBeLessThan(1e-4);
        expect(relativeError(t.stdError, ses[j])).toBeLessThan(1e-6);
        expect(relativeError(t.pValue as number, ps[j])).toBeLessThan(1e-4);
      }
    });
  }

  it("sleepstudy REML df are 16.9997262885 and 16.9999837256 to 1e-8 relative", () => {
    const setup = satterthwaiteSetup(fixtureModels.sleepstudyReml());
    expect(relativeError(satterthwaiteTest(setup, [1, 0]).df as number, 16.9997262885)).toBeLessThan(1e-8);
    expect(relativeError(satterthwaiteTest(setup, [0, 1]).df as number, 16.9999837256)).toBeLessThan(1e-8);
  });

  it("contrasts (l' beta for arbitrary l) match lmerTest's contest", () => {
    for (const name of ["sleepstudyReml", "sleepstudyMl", "orthodontSex", "simVisit"]) {
      const setup = satterthwaiteSetup(fixtureModels[name]());
      for (const c of reference.models[name].contrasts) {
        const t = satterthwaiteTest(setup, [c.L].flat());
        expect(relativeError(t.estimate, c.satterthwaite.estimate)).toBeLessThan(1e-6);
        expect(relativeError(t.df as number, c.satterthwaite.df)).toBeLessThan(1e-4);
        expect(relativeError(t.pValue as number, c.satterthwaite.pValue)).toBeLessThan(1e-4);
      }
    }
  });

  it("the multi-df visit F test (Fai-Cornelius, Doolittle rows) matches lmerTest's anova", () => {
    for (const name of ["simVisit", "simSingular"]) {
      const model = fixtureModels[name]();
      const [row] = anovaTypeIII(model, { ddf: "satterthwaite", terms: [{ label: "visit", columns: [1, 2, 3, 4, 5, 6, 7] }] });
      const ref = reference.models[name].anovaTypeIII.satterthwaite;
      expect(row.numDf).toBe(7);
      expect(row.hypothesis).toBe("type-I");
      expect(relativeError(row.statistic, ref.F)).toBeLessThan(1e-6);
      expect(relativeError(row.denDf as number, ref.denDf)).toBeLessThan(1e-4);
      expect(relativeError(row.pValue as number, ref.pValue)).toBeLessThan(1e-4);
    }
  });

  it("the Fai-Cornelius df depend on the basis of L: unit rows differ from lmerTest's Doolittle rows", () => {
    const model = fixtureModels.simVisit();
    const rows = Array.from({ length: 7 }, (_, k) => unit(model.p, k + 1));
    const f = satterthwaiteFTest(satterthwaiteSetup(model), rows);
    expect(relativeError(f.statistic, reference.models.simVisit.anovaTypeIII.satterthwaite.F)).toBeLessThan(1e-6);
    expect(relativeError(f.denDf as number, reference.models.simVisit.anovaTypeIII.satterthwaite.denDf)).toBeGreaterThan(1e-6);
  });

  it("age * Sex: Type III rows and F tests match lmerTest's anova (age tested as the average slope)", () => {
    const model = fixtureModels.orthodontSex();
    const structure = { intercept: true, variables: [{ label: "age", levels: null }, { label: "Sex", levels: ["Male", "Female"] }] };
    const terms = [
      { label: "age", columns: [1], variables: [0] },
      { label: "Sex", columns: [2], variables: [1] },
      { label: "age:Sex", columns: [3], variables: [0, 1] },
    ];
    for (const [ddf, key] of [["satterthwaite", "satterthwaite"], ["kenward-roger", "kenwardRoger"]] as const) {
      const rows = anovaTypeIII(model, { ddf, terms, structure });
      const ref = reference.models.orthodontSex.anovaTypeIII[key];
      rows.forEach((row, k) => {
        expect(row.term).toBe(ref.term[k]);
        expect(row.hypothesis).toBe("type-III");
        expect(relativeError(row.statistic, ref.F[k])).toBeLessThan(1e-6);
        expect(relativeError(row.denDf as number, ref.denDf[k])).toBeLessThan(1e-4);
        expect(relativeError(row.pValue as number, ref.pValue[k])).toBeLessThan(1e-4);
      });
    }
  });

  it("several terms without the term structure are refused rather than tested on another hypothesis", () => {
    const model = fixtureModels.orthodontSex();
    const terms = [
      { label: "age", columns: [1] },
      { label: "Sex", columns: [2] },
      { label: "age:Sex", columns: [3] },
    ];
    expect(() => anovaTypeIII(model, { ddf: "satterthwaite", terms })).toThrow(/term structure/);
  });

  it("the denominatorDf hook never fails a fit on a degenerate V (sigma = 0): df and p are null", () => {
    const model = { ...fixtureModels.sleepstudyReml(), sigma: 0 };
    const rows = denominatorDf("satterthwaite")({ model } as never);
    expect(rows.map((r) => [r.term, r.df, r.pValue])).toEqual([["(Intercept)", null, null], ["Days", null, null]]);
  });
});
