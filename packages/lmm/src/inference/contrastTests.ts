import { studentTQuantile, twoSidedNormalPValue } from "@biomarker/numerics";
import { bilinear } from "./dense.js";
import { type KenwardRogerSetup, kenwardRogerSetup, kenwardRogerTest } from "./kenwardRoger.js";
import { type FitOrModel, type InferenceModel, marginalMoments, modelOf } from "./marginalModel.js";
import { type ContrastTest, type SatterthwaiteSetup, satterthwaiteSetup, satterthwaiteTest } from "./satterthwaite.js";

export type DdfChoice = "satterthwaite" | "kenward-roger" | "none";

/**
 * One df method prepared for a fit: the expensive part (Hessian, adjusted covariance) is computed once and
 * every contrast then costs O(p^2). Under "kenward-roger" the standard error is the adjusted one
 * (sqrt(l' Phi_A l)), as in lmerTest's KR summary; under "none" the Wald z test (df null, normal p-value)
 * is returned, which is what lme4 would imply without a df method.
 */
export interface ContrastTester {
  readonly ddf: DdfChoice;
  test(l: ArrayLike<number>): ContrastTest;
  /** The covariance matrix the standard errors come from (p x p). */
  readonly vcov: Float64Array;
  readonly satterthwaite?: SatterthwaiteSetup;
  readonly kenwardRoger?: KenwardRogerSetup;
}

export function contrastTester(model: InferenceModel, ddf: DdfChoice): ContrastTester {
  if (ddf === "satterthwaite") {
    const s = satterthwaiteSetup(model);
    return { ddf, test: (l) => satterthwaiteTest(s, l), vcov: s.moments.vcovBeta, satterthwaite: s };
  }
  if (ddf === "kenward-roger") {
    const k = kenwardRogerSetup(model);
    return { ddf, test: (l) => kenwardRogerTest(k, l), vcov: k.vcovAdjusted, kenwardRoger: k };
  }
  const vcov = marginalMoments(model, model.theta, model.sigma).vcovBeta;
  return {
    ddf,
    vcov,
    test: (l) => {
      let estimate = 0;
      for (let k = 0; k < model.p; k++) estimate += l[k] * model.beta[k];
      const stdError = Math.sqrt(bilinear(l, vcov, l, model.p));
      const statistic = estimate / stdError;
      return { estimate, stdError, df: null, statistic, pValue: twoSidedNormalPValue(statistic) };
    },
  };
}

/** A fixed-effect row of the model summary: the JSON `fixedEffects` entry. */
export interface FixedEffectTest extends ContrastTest {
  readonly term: string;
}

/** Every coefficient tested with the chosen df method (lmerTest's summary table). */
export function fixedEffectTests(model: InferenceModel, ddf: DdfChoice, tester = contrastTester(model, ddf)): FixedEffectTest[] {
  return model.fixedNames.map((term, j) => {
    const l = new Float64Array(model.p);
    l[j] = 1;
    return { term, ...tester.test(l) };
  });
}

/** Wald confidence interval estimate -/+ t_{1 - alpha/2, df} SE (normal quantile when df is null). */
export function waldInterval(test: ContrastTest, level: number): { lower: number; upper: number } {
  const df = test.df ?? Infinity;
  const t = studentTQuantile(1 - (1 - level) / 2, df);
  return { lower: test.estimate - t * test.stdError, upper: test.estimate + t * test.stdError };
}

/** Satterthwaite t tests of each row of L (default: each coefficient) for a fit or its model. */
export function satterthwaite(fit: FitOrModel, rows?: readonly ArrayLike<number>[]): ContrastTest[] {
  const model = modelOf(fit);
  const tester = contrastTester(model, "satterthwaite");
  return (rows ?? unitRows(model.p)).map((l) => tester.test(l));
}

/** Kenward-Roger t tests (adjusted SE) of each row of L (default: each coefficient) for a fit or its model. */
export function kenwardRoger(fit: FitOrModel, rows?: readonly ArrayLike<number>[]): ContrastTest[] {
  const model = modelOf(fit);
  const tester = contrastTester(model, "kenward-roger");
  return (rows ?? unitRows(model.p)).map((l) => tester.test(l));
}

function unitRows(p: number): Float64Array[] {
  return Array.from({ length: p }, (_, j) => {
    const l = new Float64Array(p);
    l[j] = 1;
    return l;
  });
}
