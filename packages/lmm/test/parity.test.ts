import { describe, expect, it } from "vitest";
import { fitLmm } from "../src/index.js";
import { fixtures, readReference } from "./referenceData.js";

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe.each(fixtures.models.map((m) => [m.id, m] as const))("lme4 parity: %s", (_id, ref) => {
  const fit = fitLmm(readReference(ref.data), ref.formula, { reml: ref.reml, levels: ref.levels });

  it("criterion within 1e-6 of R's best optimum (or lower)", () => {
    const value = ref.reml ? fit.remlCriterion : fit.deviance;
    expect(value).not.toBeNull();
    expect((value as number) - ref.criterion).toBeLessThan(1e-6);
    expect((value as number) - ref.criterion).toBeGreaterThan(-1e-6);
  });

  it("fixed effects to 1e-6 relative and standard errors to 1e-5 relative, R's names", () => {
    expect(fit.fixedEffects.map((f) => f.term)).toEqual(ref.fixedNames);
    fit.fixedEffects.forEach((f, j) => {
      expect(relative(f.estimate, ref.beta[j])).toBeLessThan(1e-6);
      expect(relative(f.stdError, ref.stdError[j])).toBeLessThan(1e-5);
    });
  });

  it("variance-component SDs and correlations to 1e-3, sigma to 1e-5", () => {
    const sds = ref.varianceComponents.filter((v) => v.var2 === null);
    expect(fit.varianceComponents.length).toBe(sds.length);
    fit.varianceComponents.forEach((v, k) => {
      expect(v.group).toBe(sds[k].grp);
      expect(v.term).toBe(sds[k].var1);
      expect(Math.abs(v.stdDev - sds[k].sdcor)).toBeLessThan(1e-3 * Math.max(1, sds[k].sdcor));
    });
    const cors = ref.varianceComponents.filter((v) => v.var2 !== null);
    expect(fit.correlations.length).toBe(cors.length);
    fit.correlations.forEach((c, k) => expect(Math.abs(c.correlation - cors[k].sdcor)).toBeLessThan(1e-3));
    expect(relative(fit.sigma, ref.sigma)).toBeLessThan(1e-5);
  });

  it("logLik, AIC, BIC with lme4's conventions; nObs, nGroups, singular", () => {
    expect(Math.abs(fit.logLik - ref.logLik)).toBeLessThan(1e-6);
    expect(Math.abs(fit.aic - ref.aic)).toBeLessThan(1e-6);
    expect(Math.abs(fit.bic - ref.bic)).toBeLessThan(1e-6);
    expect(fit.nObs).toBe(ref.nObs);
    expect(fit.nGroups).toEqual(ref.nGroups);
    expect(fit.singular).toBe(ref.singular);
    expect(fit.converged).toBe(true);
  });

  it("vcov, fitted values and residuals match", () => {
    fit.vcov.forEach((row, a) =>
      row.forEach((v, c) => expect(Math.abs(v - ref.vcov[a][c])).toBeLessThan(2e-5 * Math.sqrt(ref.vcov[a][a] * ref.vcov[c][c]))),
    );
    const scale = Math.max(...ref.fitted.map(Math.abs));
    fit.fitted.forEach((f, i) => expect(Math.abs(f - ref.fitted[i])).toBeLessThan(1e-5 * scale));
    fit.residuals.forEach((r, i) => expect(Math.abs(r - ref.residuals[i])).toBeLessThan(1e-5 * scale));
  });

  it("conditional modes and conditional variances match ranef(condVar = TRUE)", () => {
    for (const r of ref.ranef) {
      const terms = fit.randomEffects.filter((e) => e.group.replace(/\.\d+$/, "") === r.group);
      for (const [levelIndex, level] of r.levels.entries()) {
        r.terms.forEach((term, k) => {
          const owner = terms.find((e) => e.terms.includes(term)) as (typeof terms)[number];
          const li = owner.levels.indexOf(level);
          const mode = owner.modes[li][owner.terms.indexOf(term)];
          expect(Math.abs(mode - r.modes[levelIndex][k])).toBeLessThan(1e-4 * Math.max(1, fit.sigma));
        });
        if (r.condVar) {
          const owner = terms[0];
          const li = owner.levels.indexOf(level);
          const cv = owner.conditionalVariances[li];
          r.condVar[levelIndex].forEach((row, a) => row.forEach((v, b) => expect(relative(cv[a][b], v)).toBeLessThan(1e-4)));
        }
      }
    }
  });
});

describe("reference values from the issue", () => {
  it("sleepstudy REML criterion 1743.628271958 and fixed effects 251.405104848, 10.467285960", () => {
    const fit = fitLmm(readReference("sleepstudy"), "Reaction ~ Days + (Days | Subject)");
    expect(Math.abs((fit.remlCriterion as number) - 1743.628271958)).toBeLessThan(1e-6);
    expect(Math.abs(fit.fixedEffects[0].estimate - 251.405104848)).toBeLessThan(1e-6);
    expect(Math.abs(fit.fixedEffects[1].estimate - 10.46728596)).toBeLessThan(1e-7);
  });
});
