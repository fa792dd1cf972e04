import { describe, expect, it } from "vitest";
import { LmmInputError, clusterRobust, fitLmm, fitStructured } from "../src/index.js";
import { structuredFitAt } from "../src/structured/fitStructured.js";
import { unconstrainedCorrelation } from "../src/structured/residualStructure.js";
import { readReference } from "./referenceData.js";
import { readStructuredCsv, referencePsi, structureOptions, structuredR } from "./structured-fixtures.js";

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("CR2 sandwich and Satterthwaite df match clubSandwich::coef_test(vcov = \"CR2\", test = \"Satterthwaite\")", () => {
  for (const m of structuredR.models) {
    it(`${m.name} (lme): SEs 1e-6, df 1e-4, vcov 1e-6 relative at nlme's optimum`, () => {
      const data = readStructuredCsv(m.data);
      const options = structureOptions(m);
      const probe = fitStructured(data, m.formula, options);
      const psi = referencePsi(m, probe.structured.variance?.strata ?? null, (v) => unconstrainedCorrelation(probe.structured.correlation!, v));
      const robust = clusterRobust(structuredFitAt(data, m.formula, options, psi));
      robust.fixedEffects.forEach((f, j) => {
        expect(relative(f.stdError, m.cr2.stdError[j])).toBeLessThan(1e-6);
        expect(relative(f.df as number, m.cr2.df[j])).toBeLessThan(1e-4);
        expect(relative(f.pValue as number, m.cr2.pValue[j])).toBeLessThan(1e-4);
      });
      robust.vcov.forEach((row, r) => row.forEach((v, c) => expect(Math.abs(v - m.cr2.vcov[r][c])).toBeLessThan(1e-6 * Math.sqrt(m.cr2.vcov[r][r] * m.cr2.vcov[c][c]))));
    });
  }

  for (const m of structuredR.lmer) {
    it(`${m.name} (lmerMod): SEs 1e-6, df 1e-4 relative`, () => {
      const data = m.name.startsWith("cohort") ? readStructuredCsv("cohort") : readReference("sleepstudy");
      const fit = fitLmm(data, m.formula);
      fit.theta.forEach((t, k) => expect(Math.abs(t - [m.theta].flat()[k])).toBeLessThan(1e-5));
      const robust = clusterRobust(fit);
      expect(robust.nClusters).toBe(m.name.startsWith("cohort") ? 6 : 18);
      robust.fixedEffects.forEach((f, j) => {
        expect(relative(f.stdError, m.stdError[j])).toBeLessThan(1e-6);
        expect(relative(f.df as number, m.df[j])).toBeLessThan(1e-4);
      });
    });
  }

  it("the fitted CR2 of every lme model is within 1e-4 of clubSandwich's (the optimum differs from nlme's by < 1e-5)", () => {
    for (const m of structuredR.models) {
      const fit = fitStructured(readStructuredCsv(m.data), m.formula, structureOptions(m));
      clusterRobust(fit).fixedEffects.forEach((f, j) => expect(relative(f.stdError, m.cr2.stdError[j])).toBeLessThan(1e-4));
    }
  });

  it("the cluster column equal to the grouping factor gives the default clusters; ddf none gives Wald z tests", () => {
    const data = readStructuredCsv("cohort");
    const fit = fitLmm(data, "value ~ visit + (1 | subject)");
    const byDefault = clusterRobust(fit);
    const byColumn = clusterRobust(fit, { data, cluster: "subject" });
    byColumn.fixedEffects.forEach((f, j) => {
      expect(f.stdError).toBeCloseTo(byDefault.fixedEffects[j].stdError, 12);
      expect(f.df).toBeCloseTo(byDefault.fixedEffects[j].df as number, 10);
    });
    const z = clusterRobust(fit, { ddf: "none" });
    expect(z.fixedEffects.every((f) => f.df === null)).toBe(true);
  });

  it("rejects clusters that split a subject, an unknown cluster column and unknown options", () => {
    const data = readStructuredCsv("cohort");
    const fit = fitLmm(data, "value ~ visit + (1 | subject)");
    expect(() => clusterRobust(fit, { data, cluster: "visit" })).toThrow(/splits a random-effect group/);
    expect(() => clusterRobust(fit, { data, cluster: "site" })).toThrow(LmmInputError);
    expect(() => clusterRobust(fit, { cluster: "subject", foo: 1 } as never)).toThrow(/unknown option 'foo'/);
  });
});
