import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type DataColumns, LmmInputError, conditionalModesOf, denominatorDf, fitLmm, modelComparison } from "../src/index.js";
import { kenwardRogerFTest, kenwardRogerSetup } from "../src/inference/kenwardRoger.js";

/** Cases built by scripts/r-reference/peer-cases.R (lme4, lmerTest, pbkrtest). */
const reference = JSON.parse(readFileSync(join(import.meta.dirname, "fixtures", "peer-cases-r.json"), "utf8"));
const columns = (rows: Record<string, number | string>[]): DataColumns =>
  Object.fromEntries(Object.keys(rows[0]).map((k) => [k, rows.map((r) => r[k])]));
const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe("Kenward-Roger when the true df is exactly 2", () => {
  const ref = reference.krDfTwo;
  const fit = fitLmm(columns(ref.data), ref.formula, { denominatorDf: denominatorDf("kenward-roger") });

  it("the balanced three-group intercept gets df 2 and lmerTest's t and p to 1e-6 (lme4's default optimizer stops ~1e-8 short)", () => {
    const [intercept] = fit.fixedEffects;
    expect(relative(intercept.df as number, ref.kenwardRoger.df)).toBeLessThan(1e-6);
    expect(relative(intercept.statistic, ref.kenwardRoger.statistic)).toBeLessThan(1e-6);
    expect(relative(intercept.pValue as number, ref.kenwardRoger.pValue)).toBeLessThan(1e-6);
  });

  it("the F test matches pbkrtest's KRmodcomp (F scaling 1, df 2) to 1e-6 (lme4's default optimizer stops ~1e-8 short)", () => {
    const f = kenwardRogerFTest(kenwardRogerSetup(fit.model), [[1]]);
    expect(relative(f.statistic, ref.krmodcomp.F)).toBeLessThan(1e-6);
    expect(relative(f.denDf as number, ref.krmodcomp.denDf)).toBeLessThan(1e-6);
    expect(relative(f.pValue as number, ref.krmodcomp.pValue)).toBeLessThan(1e-6);
  });
});

describe("adding a large constant to the response", () => {
  const ref = reference.shifted;
  const data = columns(ref.data);
  const shifted = { ...data, y: Array.from(data.y as number[], (v) => v + ref.shift) };
  const options = { denominatorDf: denominatorDf("satterthwaite") };
  const a = fitLmm(data, ref.formula, options);
  const b = fitLmm(shifted, ref.formula, options);

  // The criterion is flat to rounding over ~1e-9 of theta, the accuracy of the finite-difference polish; the
  // Satterthwaite df amplify that tenfold, hence 1e-7 for them (before the fix theta moved by 2e-3).
  it("leaves theta, sigma and standard errors unchanged to 1e-8 relative, Satterthwaite df to 1e-7", () => {
    a.theta.forEach((t, k) => expect(Math.abs(b.theta[k] - t) / Math.max(...a.theta.map(Math.abs))).toBeLessThan(1e-8));
    expect(relative(b.sigma, a.sigma)).toBeLessThan(1e-8);
    a.fixedEffects.forEach((f, j) => {
      expect(relative(b.fixedEffects[j].stdError, f.stdError)).toBeLessThan(1e-8);
      expect(relative(b.fixedEffects[j].df as number, f.df as number)).toBeLessThan(1e-7);
    });
    expect(relative(b.fixedEffects[0].estimate - ref.shift, a.fixedEffects[0].estimate)).toBeLessThan(1e-8);
  });

  it("matches lme4 (tightly re-optimized) on the unshifted data: SEs and df to 1e-6", () => {
    a.fixedEffects.forEach((f, j) => {
      expect(relative(f.stdError, ref.original.satterthwaite.stdError[j])).toBeLessThan(1e-6);
      expect(relative(f.df as number, ref.original.satterthwaite.df[j])).toBeLessThan(1e-6);
    });
  });
});

describe("conditional modes by level name", () => {
  const ref = reference.shifted;
  const fit = fitLmm(columns(ref.data), ref.formula);

  it("conditionalModesOf(fit, 'subject', level) equals lme4's ranef(fit)$subject[level, ] to 1e-6", () => {
    for (const [level, modes] of Object.entries(ref.original.ranef as Record<string, Record<string, number>>)) {
      const ours = conditionalModesOf(fit, "subject", level);
      expect(Object.keys(ours)).toEqual(Object.keys(modes));
      for (const [term, value] of Object.entries(modes)) expect(Math.abs(ours[term] - value)).toBeLessThan(1e-6 * Math.max(1, Math.abs(value)));
    }
  });

  it("an unknown group or level is an input error naming the valid ones", () => {
    expect(() => conditionalModesOf(fit, "Subject", "S1")).toThrow(LmmInputError);
    expect(() => conditionalModesOf(fit, "subject", "S99")).toThrow(/S99.*S1, S2/);
  });

  it("terms of one factor split by || are merged as ranef merges them", () => {
    const split = fitLmm(columns(ref.data), "y ~ day + (day || subject)");
    expect(Object.keys(conditionalModesOf(split, "subject", "S1"))).toEqual(["(Intercept)", "day"]);
  });
});

describe("two-model comparison", () => {
  const ref = reference.modcomp;
  const data = columns(ref.data);
  const large = fitLmm(data, ref.large);
  const small = fitLmm(data, ref.small);

  it("day * group against day: F, df and p match pbkrtest's KRmodcomp to 1e-6", () => {
    const f = modelComparison(large, small);
    expect(f.numDf).toBe(ref.kenwardRoger.numDf);
    expect(relative(f.statistic, ref.kenwardRoger.F)).toBeLessThan(1e-6);
    expect(relative(f.denDf as number, ref.kenwardRoger.denDf)).toBeLessThan(1e-6);
    expect(relative(f.pValue as number, ref.kenwardRoger.pValue)).toBeLessThan(1e-6);
  });

  it("and pbkrtest's SATmodcomp with ddf satterthwaite to 1e-6", () => {
    const f = modelComparison(large, small, { ddf: "satterthwaite" });
    expect(f.numDf).toBe(ref.satterthwaite.numDf);
    expect(relative(f.statistic, ref.satterthwaite.F)).toBeLessThan(1e-6);
    expect(relative(f.denDf as number, ref.satterthwaite.denDf)).toBeLessThan(1e-6);
    expect(relative(f.pValue as number, ref.satterthwaite.pValue)).toBeLessThan(1e-6);
  });

  it("models that are not nested are an input error", () => {
    const other = fitLmm(data, "y ~ group + (1 | subject)");
    expect(() => modelComparison(small, other)).toThrow(LmmInputError);
  });
});
