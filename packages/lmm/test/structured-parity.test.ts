import { describe, expect, it } from "vitest";
import { LmmInputError, fitLmm, fitStructured, structuredTests } from "../src/index.js";
import { structuredFitAt } from "../src/structured/fitStructured.js";
import { unconstrainedCorrelation } from "../src/structured/residualStructure.js";
import { type StructuredFixture, readStructuredCsv, referencePsi, structureOptions, structuredR } from "./structured-fixtures.js";

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** The fit at nlme's optimum (same structures, parameters from the fixture). */
function fitAtReference(m: StructuredFixture) {
  const data = readStructuredCsv(m.data);
  const options = structureOptions(m);
  const probe = fitStructured(data, m.formula, options);
  const psi = referencePsi(m, probe.structured.variance?.strata ?? null, (v) => unconstrainedCorrelation(probe.structured.correlation!, v));
  return structuredFitAt(data, m.formula, options, psi);
}

describe("residual structures match nlme::lme (fixtures of scripts/r-reference/lmm-structured.R)", () => {
  for (const m of structuredR.models) {
    it(`${m.name}: logLik 1e-5, AIC/BIC, fixed effects 1e-4 SE, SEs 1e-3, structure parameters 1e-3`, () => {
      const fit = fitLmm(readStructuredCsv(m.data), m.formula, { correlation: m.correlation ?? undefined, weights: m.weights ?? undefined, reml: m.reml });
      expect(fit.converged).toBe(true);
      expect(Math.abs(fit.logLik - m.logLik)).toBeLessThan(1e-5);
      expect(Math.abs(fit.aic - m.aic)).toBeLessThan(1e-5);
      expect(Math.abs(fit.bic - m.bic)).toBeLessThan(1e-5);
      expect(fit.fixedEffects.map((f) => f.term)).toEqual(m.terms);
      fit.fixedEffects.forEach((f, j) => {
        expect(Math.abs(f.estimate - m.estimate[j]) / m.stdError[j]).toBeLessThan(1e-4);
        expect(relative(f.stdError, m.stdError[j])).toBeLessThan(1e-3);
      });
      expect(relative(fit.sigma, m.sigma)).toBeLessThan(1e-3);
      expect(relative(fit.varianceComponents[0].stdDev, m.randomInterceptSd)).toBeLessThan(1e-3);
      if (m.correlationParameters) {
        const [name, value] = Object.entries(m.correlationParameters)[0];
        expect(fit.correlationStructure?.parameters[name]).toBeDefined();
        expect(relative(fit.correlationStructure!.parameters[name], value)).toBeLessThan(1e-3);
      } else expect(fit.correlationStructure).toBeNull();
      if (m.varianceParameters) {
        // nlme's order: the reference is the first stratum in the data sorted by subject.
        expect(Object.keys(fit.varianceFunction!.parameters)).toEqual(Object.keys(m.varianceParameters));
        for (const [level, ratio] of Object.entries(m.varianceParameters)) {
          expect(relative(fit.varianceFunction!.parameters[level], ratio)).toBeLessThan(1e-3);
        }
      } else expect(fit.varianceFunction).toBeNull();
    });

    it(`${m.name}: between-within (containment) df and p-values equal nlme's summary`, () => {
      const fit = fitLmm(readStructuredCsv(m.data), m.formula, { ...structureOptions(m), ddf: "between-within" });
      fit.fixedEffects.forEach((f, j) => {
        expect(f.df).toBe(m.dfBetweenWithin[j]);
        expect(relative(f.pValue as number, m.pValueBetweenWithin[j])).toBeLessThan(1e-3);
      });
    });

    it(`${m.name}: Satterthwaite df at nlme's optimum within 1e-4 of the first-principles oracle`, () => {
      const fit = fitAtReference(m);
      expect(Math.abs(fit.logLik - m.logLik)).toBeLessThan(1e-8);
      structuredTests(fit, "satterthwaite").forEach((f, j) => {
        expect(relative(f.df as number, m.dfSatterthwaite[j])).toBeLessThan(1e-4);
        expect(relative(f.stdError, m.stdError[j])).toBeLessThan(1e-6);
      });
    });
  }

  it("the oracle's dense likelihood equals nlme's logLik (so the Satterthwaite oracle differentiates the right function)", () => {
    for (const m of structuredR.models) expect(Math.abs(-m.oracleMinus2LogLik / 2 - m.logLik)).toBeLessThan(1e-6);
  });

  it("corCompSymm on top of a random intercept: logLik and fixed effects of nlme (rho and the intercept SD are not separately identified)", () => {
    const fit = fitLmm(readStructuredCsv("cohort"), "value ~ visit + (1 | subject)", { correlation: "corCompSymm(~ 1 | subject)" });
    expect(Math.abs(fit.logLik - structuredR.compSymm.logLik)).toBeLessThan(1e-5);
    fit.fixedEffects.forEach((f, j) => {
      expect(Math.abs(f.estimate - structuredR.compSymm.estimate[j]) / structuredR.compSymm.stdError[j]).toBeLessThan(1e-4);
      expect(relative(f.stdError, structuredR.compSymm.stdError[j])).toBeLessThan(1e-3);
    });
  });

  it("without a structure the marginal fit equals the lme4-style fit (REML criterion, beta, SEs)", () => {
    const data = readStructuredCsv("cohort");
    const plain = fitLmm(data, "value ~ visit + (1 | subject)");
    const marginal = fitStructured(data, "value ~ visit + (1 | subject)", {});
    expect(Math.abs(marginal.logLik - plain.logLik)).toBeLessThan(1e-8);
    marginal.fixedEffects.forEach((f, j) => expect(relative(f.stdError, plain.fixedEffects[j].stdError)).toBeLessThan(1e-6));
  });

  it("AIC is comparable across structures: corCAR1 is preferred on the cohort, as in nlme", () => {
    const [ri, car1] = structuredR.models;
    const data = readStructuredCsv("cohort");
    const a = fitLmm(data, ri.formula, { ddf: "none" });
    const b = fitLmm(data, car1.formula, { correlation: "corCAR1(~ day | subject)" });
    expect(Math.sign(b.aic - a.aic)).toBe(Math.sign(car1.aic - ri.aic));
  });
});

describe("residual structure input errors", () => {
  const data = readStructuredCsv("cohort");
  const formula = "value ~ visit + (1 | subject)";
  it("rejects an unknown structure, an unknown column, an unknown option and a bad ddf", () => {
    expect(() => fitLmm(data, formula, { correlation: "corExp(~ day | subject)" })).toThrow(LmmInputError);
    expect(() => fitLmm(data, formula, { correlation: "corCAR1(~ week | subject)" })).toThrow(/unknown column 'week'/);
    expect(() => fitLmm(data, formula, { weights: "varPower()" })).toThrow(/varIdent/);
    expect(() => fitLmm(data, formula, { weights: "varIdent(~ 1 | visit)", foo: 1 } as never)).toThrow(/unknown option 'foo'/);
    expect(() => fitLmm(data, formula, { weights: "varIdent(~ 1 | visit)", ddf: "kenward-roger" as never })).toThrow(/ddf/);
  });
  it("rejects duplicated times within a subject, naming the row", () => {
    const copy = { ...data, day: Array.from(data.day as ArrayLike<number>) };
    copy.day[1] = copy.day[0];
    expect(() => fitLmm(copy, formula, { correlation: "corCAR1(~ day | subject)" })).toThrow(/row 2: 'day' = 6 occurs twice in subject 'S1'/);
  });
  it("rejects a missing time instead of dropping the row", () => {
    const copy = { ...data, day: Array.from(data.day as ArrayLike<number | null>) };
    copy.day[3] = null;
    expect(() => fitLmm(copy, formula, { correlation: "corCAR1(~ day | subject)" })).toThrow(/row 4, column 'day': missing value/);
  });
  it("rejects correlation groups that cross the random-effect groups", () => {
    expect(() => fitLmm(data, formula, { correlation: "corAR1(~ 1 | visit)" })).toThrow(/within the random-effect groups/);
  });
});
