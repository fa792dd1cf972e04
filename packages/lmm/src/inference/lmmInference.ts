import { checkOptions } from "@biomarker/numerics";
import type { FixedEffect, LmmFit } from "../fit/result.js";
import type { LmmModel } from "../fit/model.js";
import { type AnovaRow, MarginalTermError, anovaTypeIII } from "./anova.js";
import { type ContrastTester, type DdfChoice, contrastTester, fixedEffectTests, waldInterval } from "./contrastTests.js";
import { KenwardRogerNeedsRemlError } from "./kenwardRoger.js";
import { NotPositiveDefiniteError } from "./marginalModel.js";
import { type Adjustment, type MarginalMeansResult, marginalMeansOf } from "./marginalMeans.js";
import { isSingularFit, parametricBootstrap } from "./parametricBootstrap.js";
import { profileConfint } from "./profile.js";

/** How df are reported on a singular fit (a variance parameter on its boundary). */
export type SingularDfRule = "as-fitted" | "kenward-roger";

export interface LmmInferenceOptions {
  /** Denominator df method; default "satterthwaite". */
  readonly ddf?: DdfChoice;
  /** Type III F tests of every fixed-effect term. */
  readonly anova?: boolean;
  /** Factor (column) whose levels get estimated marginal means, e.g. "visit"; or a numeric main effect
   *  (e.g. "day"), evaluated at its distinct observed values with contrasts against the smallest. */
  readonly emmeans?: string;
  /** With emmeans: contrasts against the first level ("baseline", default) or none. */
  readonly contrast?: "baseline" | "none";
  readonly adjust?: Adjustment;
  /** Confidence intervals for the parameters: "wald" (default, with the chosen df), "profile", "boot" or "none". */
  readonly ci?: "wald" | "profile" | "boot" | "none";
  readonly level?: number;
  /** Parametric bootstrap size and seed (ci = "boot"); defaults 1000 and 1. */
  readonly nsim?: number;
  readonly seed?: number;
  /** Singular fits: "as-fitted" (default; Satterthwaite as lmerTest computes it at the boundary) or
   *  "kenward-roger" (report KR's df, which keep the zero variance as an estimated parameter). */
  readonly singularDf?: SingularDfRule;
}

export interface ParameterInterval {
  readonly parameter: string;
  readonly estimate: number;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface LmmInferenceResult {
  readonly ddf: DdfChoice;
  readonly singular: boolean;
  /** The df rule applied (recorded, never silent). */
  readonly dfRule: string;
  readonly fixedEffects: FixedEffect[];
  readonly anova: AnovaRow[] | null;
  readonly emmeans: MarginalMeansResult | null;
  readonly confidenceIntervals: { method: "wald" | "profile" | "boot"; level: number; intervals: ParameterInterval[] } | null;
  readonly warnings: string[];
}

/**
 * Small-sample inference for one fit: fixed-effect t tests with the chosen df, Type III F tests, estimated
 * marginal means with contrasts against baseline, and parameter intervals. What the `biomarker lmm` options
 * --ddf, --emmeans, --contrast, --ci, --nsim and --seed ask for.
 */
export function lmmInference(fit: Pick<LmmFit, "model" | "design">, options: LmmInferenceOptions = {}): LmmInferenceResult {
  checkOptions("lmmInference", options, {
    ddf: ["satterthwaite", "kenward-roger", "none"],
    anova: "boolean",
    emmeans: "string",
    contrast: ["baseline", "none"],
    adjust: ["none", "bonferroni", "holm", "sidak"],
    ci: ["wald", "profile", "boot", "none"],
    level: "number",
    nsim: "integer",
    seed: "number",
    singularDf: ["as-fitted", "kenward-roger"],
  });
  const model: LmmModel = fit.model;
  const warnings: string[] = [];
  const ddf = options.ddf ?? "satterthwaite";
  if (ddf === "kenward-roger" && !model.reml) throw new KenwardRogerNeedsRemlError();
  const singular = isSingularFit(model);
  const rule = options.singularDf ?? "as-fitted";
  let dfRule = ddf === "none" ? "none (no df or p-values for the fixed effects; marginal means use asymptotic z)" : ddf;
  const tester: ContrastTester = contrastTester(model, ddf);
  // Without a df method the fixed-effect table has no p-values (lme4's summary; issue 4's contract); marginal
  // means and contrasts then use asymptotic z intervals and tests (emmeans' "asymptotic").
  let fixedEffects: FixedEffect[] = fixedEffectTests(model, ddf, tester).map((t) => ({ ...t, pValue: ddf === "none" ? null : t.pValue }));
  if (singular) {
    warnings.push("singular fit: a random-effect variance (or correlation) is on its boundary");
    if (ddf === "satterthwaite" && rule === "kenward-roger" && model.reml) {
      const kr = fixedEffectTests(model, "kenward-roger");
      fixedEffects = fixedEffects.map((f, j) => ({ ...f, df: kr[j].df, pValue: kr[j].pValue, stdError: kr[j].stdError, statistic: kr[j].statistic }));
      dfRule = "singular fit: Kenward-Roger df and adjusted SE reported in place of Satterthwaite (singularDf = kenward-roger)";
    } else if (ddf === "satterthwaite") {
      if (rule === "kenward-roger") warnings.push("singularDf = kenward-roger needs a REML fit; Satterthwaite df kept");
      dfRule = "satterthwaite at the boundary (zero variance treated as known, as lmerTest); df may be anti-conservative";
      warnings.push("Satterthwaite df on a singular fit treat the zero variance as known and can approach the residual df; consider singularDf = kenward-roger");
    }
  }
  const dropped = tester.satterthwaite?.nonPositiveEigenvalues ?? 0;
  if (dropped > 0) {
    warnings.push(
      `the Hessian of the deviance in (theta, sigma) has ${dropped} eigenvalue(s) <= 1e-8; Satterthwaite df use its pseudo-inverse (lmerTest warns likewise)`,
    );
  }
  let anova: AnovaRow[] | null = null;
  if (options.anova) {
    const method = ddf === "kenward-roger" ? "kenward-roger" : "satterthwaite";
    try {
      anova = anovaTypeIII(fit, { ddf: method, setup: method === "kenward-roger" ? tester.kenwardRoger : tester.satterthwaite });
    } catch (error) {
      if (!(error instanceof MarginalTermError)) throw error;
      warnings.push(error.message);
    }
  }
  let emmeans: MarginalMeansResult | null = null;
  if (options.emmeans) {
    emmeans = marginalMeansOf(fit, options.emmeans, {
      ddf,
      contrast: options.contrast ?? "baseline",
      adjust: options.adjust ?? "none",
      level: options.level ?? 0.95,
      tester,
    });
  }
  const level = options.level ?? 0.95;
  let confidenceIntervals: LmmInferenceResult["confidenceIntervals"] = null;
  const ci = options.ci ?? "wald";
  if (ci === "wald") {
    confidenceIntervals = {
      method: "wald",
      level,
      intervals: fixedEffects.map((f) => ({ parameter: f.term, estimate: f.estimate, ...waldInterval(f, level) })),
    };
  } else if (ci === "profile") {
    confidenceIntervals = { method: "profile", level, intervals: profileConfint(model, { level }).map(({ criterion: _c, ...r }) => r) };
  } else if (ci === "boot") {
    const boot = parametricBootstrap(model, { nsim: options.nsim ?? 1000, seed: options.seed ?? 1, level });
    if (boot.failed > 0) warnings.push(`${boot.failed} of ${boot.nsim} bootstrap refits failed and were excluded`);
    if (boot.singular > 0) warnings.push(`${boot.singular} of ${boot.nsim} bootstrap refits are singular`);
    for (const i of boot.intervals) {
      if (!Number.isFinite(i.estimate)) warnings.push(`${i.parameter}: undefined at the fit (a random-effect SD is 0), reported as NaN`);
    }
    confidenceIntervals = { method: "boot", level, intervals: boot.intervals.map(({ bootstrapSE: _s, ...r }) => r) };
  }
  return { ddf, singular, dfRule, fixedEffects, anova, emmeans, confidenceIntervals, warnings };
}

/**
 * The hook for fitLmm's `denominatorDf` option (and the batch): fills df and p-values (and KR's adjusted
 * SE). With singularDf = "kenward-roger", a singular REML fit gets KR's df and SE under "satterthwaite" (the
 * same rule as lmmInference). A numerically degenerate fit (V or X'V^{-1}X not positive definite) keeps its
 * estimates with df and pValue null instead of failing the fit; KR on an ML fit is a user error and is thrown.
 */
export function denominatorDf(
  method: "satterthwaite" | "kenward-roger",
  options: { singularDf?: SingularDfRule } = {},
): (fit: Pick<LmmFit, "model">) => FixedEffect[] {
  checkOptions("denominatorDf", { method }, { method: ["satterthwaite", "kenward-roger"] });
  checkOptions("denominatorDf", options, { singularDf: ["as-fitted", "kenward-roger"] });
  return (fit) => {
    const m = fit.model;
    const effective = method === "satterthwaite" && options.singularDf === "kenward-roger" && m.reml && isSingularFit(m) ? "kenward-roger" : method;
    try {
      return fixedEffectTests(m, effective).map((t) => ({ ...t }));
    } catch (error) {
      if (!(error instanceof NotPositiveDefiniteError)) throw error;
      return m.fixedNames.map((term, j) => ({ term, estimate: m.beta[j], stdError: Number.NaN, df: null, statistic: Number.NaN, pValue: null }));
    }
  };
}
