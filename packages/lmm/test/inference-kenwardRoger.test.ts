import { describe, expect, it } from "vitest";
import { kenwardRogerFTest, kenwardRogerSetup, kenwardRogerTest } from "../src/inference/kenwardRoger.js";
import { fixtureModels, reference, relativeError } from "./inference-fixtureModel.js";

const unit = (p: number, j: number) => Array.from({ length: p }, (_, k) => (k === j ? 1 : 0));
const remlModels = Object.keys(fixtureModels).filter((name) => reference.models[name].kenwardRoger);

describe("Kenward-Roger matches pbkrtest / lmerTest", () => {
  for (const name of remlModels) {
    it(`${name}: adjusted vcov to 1e-6, df and p within 1e-4 relative`, () => {
      const model = fixtureModels[name]();
      const setup = kenwardRogerSetup(model);
      const ref = reference.models[name].kenwardRoger;
      const adj = [ref.vcovAdjusted].flat(2) as number[];
      const p = model.p;
      const scale = Math.max(...adj.map(Math.abs));
      for (let e = 0; e < p * p; e++) expect(Math.abs(setup.vcovAdjusted[e] - adj[e]) / scale).toBeLessThan(1e-6);
      const dfs = [ref.df].flat();
      const ps = [ref.pValue].flat();
      const ses = [ref.stdError].flat();
      for (let j = 0; j < p; j++) {
        const t = kenwardRogerTest(setup, unit(p, j));
        expect(relativeError(t.df as number, dfs[j])).toBeLessThan(1e-4);
        expect(relativeError(t.stdError, ses[j])).toBeLessThan(1e-6);
        expect(relativeError(t.pValue as number, ps[j])).toBeLessThan(1e-4);
      }
    });
  }

  it("sleepstudy and Orthodont KR df are 17 and 26", () => {
    const s = kenwardRogerSetup(fixtureModels.sleepstudyReml());
    expect(kenwardRogerTest(s, [1, 0]).df).toBeCloseTo(17, 6);
    expect(kenwardRogerTest(s, [0, 1]).df).toBeCloseTo(17, 6);
    const o = kenwardRogerSetup(fixtureModels.orthodont());
    expect(kenwardRogerTest(o, [0, 1]).df).toBeCloseTo(26, 6);
  });

  it("the singular Dyestuff2 fit gets the between-batch df 5", () => {
    const s = kenwardRogerSetup(fixtureModels.dyestuff2());
    expect(kenwardRogerTest(s, [1]).df).toBeCloseTo(5, 6);
  });

  it("the visit F test matches lmerTest's anova(ddf = 'Kenward-Roger')", () => {
    for (const name of ["simVisit", "simSingular"]) {
      const model = fixtureModels[name]();
      const setup = kenwardRogerSetup(model);
      const rows = Array.from({ length: 7 }, (_, k) => unit(model.p, k + 1));
      const f = kenwardRogerFTest(setup, rows);
      const ref = reference.models[name].anovaTypeIII.kenwardRoger;
      expect(relativeError(f.denDf as number, ref.denDf)).toBeLessThan(1e-4);
      expect(relativeError(f.statistic, ref.F)).toBeLessThan(1e-6);
      expect(relativeError(f.pValue as number, ref.pValue)).toBeLessThan(1e-4);
    }
  });

  it("contrasts match lmerTest's contest with ddf = 'Kenward-Roger'", () => {
    for (const name of ["sleepstudyReml", "orthodontSex", "simVisit"]) {
      const setup = kenwardRogerSetup(fixtureModels[name]());
      for (const c of reference.models[name].contrasts) {
        const t = kenwardRogerTest(setup, [c.L].flat());
        expect(relativeError(t.stdError, c.kenwardRoger.stdError)).toBeLessThan(1e-6);
        expect(relativeError(t.df as number, c.kenwardRoger.df)).toBeLessThan(1e-4);
        expect(relativeError(t.pValue as number, c.kenwardRoger.pValue)).toBeLessThan(1e-4);
      }
    }
  });

  it("an ML fit is refused with an input error (pbkrtest would silently refit by REML)", () => {
    expect(() => kenwardRogerSetup(fixtureModels.sleepstudyMl())).toThrow(/REML/);
    try {
      kenwardRogerSetup(fixtureModels.sleepstudyMl());
    } catch (error) {
      expect((error as { inputError?: boolean }).inputError).toBe(true);
    }
  });
});
