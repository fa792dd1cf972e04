import type { ModelDesign } from "../design/design.js";
import { isSingularTheta, termFactor } from "../design/thetaLayout.js";
import type { FittedModel } from "./fit.js";
import type { LmmModel } from "./model.js";
import type { PenalizedLeastSquares } from "./pls.js";
import { conditionalVariances } from "./conditionalVariance.js";

export interface FixedEffect {
  term: string;
  estimate: number;
  stdError: number;
  /** Denominator df; null unless a df method (Satterthwaite, Kenward-Roger) filled it. */
  df: number | null;
  /** Wald t = estimate / stdError. */
  statistic: number;
  pValue: number | null;
}

export interface VarianceComponent {
  /** Grouping factor as lme4's VarCorr names it ("Subject", "Subject.1" for a second term); "Residual". */
  group: string;
  /** Random-effect column, null for the residual. */
  term: string | null;
  variance: number;
  stdDev: number;
}

export interface RandomEffectCorrelation {
  group: string;
  term1: string;
  term2: string;
  correlation: number;
}

/** Conditional modes (BLUPs) of one random-effect term with their conditional covariance matrices. */
export interface ConditionalModes {
  group: string;
  terms: string[];
  levels: string[];
  /** modes[level][term]. */
  modes: number[][];
  /** Var(b_level | y) as lme4's condVar: sigma^2 [Lambda (L L')^{-1} Lambda'] for the level's block. */
  conditionalVariances: number[][][];
}

/** The JSON contract of `biomarker lmm` (issue 4). */
export interface LmmSummary {
  formula: string;
  criterion: "REML" | "ML";
  nObs: number;
  nGroups: Record<string, number>;
  converged: boolean;
  singular: boolean;
  warnings: string[];
  fixedEffects: FixedEffect[];
  varianceComponents: VarianceComponent[];
  correlations: RandomEffectCorrelation[];
  sigma: number;
  theta: number[];
  logLik: number;
  remlCriterion: number | null;
  deviance: number | null;
  aic: number;
  bic: number;
}

/** A full fit: the summary plus vcov, BLUPs, fitted values, residuals and the model object. */
export interface LmmFit extends LmmSummary {
  /** Rows dropped for missing values. */
  nDropped: number;
  /** vcov(beta) = sigma^2 (R_X'R_X)^{-1}, row-major p x p. */
  vcov: number[][];
  randomEffects: ConditionalModes[];
  fitted: number[];
  residuals: number[];
  /** 0-based data rows the fit used, in the order of fitted/residuals. */
  rows: number[];
  evaluations: number;
  model: LmmModel;
  design: ModelDesign;
}

/** lme4's VarCorr group names: repeated grouping factors get ".1", ".2" (make.unique). */
export function uniqueGroupNames(design: ModelDesign): string[] {
  const seen = new Map<string, number>();
  return design.random.map((t) => {
    const count = seen.get(t.group) ?? 0;
    seen.set(t.group, count + 1);
    return count === 0 ? t.group : `${t.group}.${count}`;
  });
}



/** The contract fields, without BLUPs or per-observation output (what a batch row carries). */
export function summarize(design: ModelDesign, fitted: FittedModel, extraWarnings: string[] = []): LmmSummary {
  const { model, optimization } = fitted;
  const { n, p, sigma, reml } = model;
  const names = uniqueGroupNames(design);
  const varianceComponents: VarianceComponent[] = [];
  const correlations: RandomEffectCorrelation[] = [];
  design.random.forEach((t, index) => {
    const pt = t.columnNames.length;
    // Sigma_i = sigma^2 T_i T_i'
    const tf = termFactor(model.theta, t.thetaOffset, pt);
    const cov = (a: number, b: number) => {
      let s = 0;
      for (let c = 0; c <= Math.min(a, b); c++) s += tf[a + pt * c] * tf[b + pt * c];
      return sigma * sigma * s;
    };
    for (let a = 0; a < pt; a++) {
      const variance = cov(a, a);
      varianceComponents.push({ group: names[index], term: t.columnNames[a], variance, stdDev: Math.sqrt(variance) });
    }
    for (let a = 0; a < pt; a++) {
      for (let b = a + 1; b < pt; b++) {
        const denominator = Math.sqrt(cov(a, a) * cov(b, b));
        correlations.push({
          group: names[index],
          term1: t.columnNames[a],
          term2: t.columnNames[b],
          correlation: denominator > 0 ? cov(a, b) / denominator : NaN,
        });
      }
    }
  });
  varianceComponents.push({ group: "Residual", term: null, variance: sigma * sigma, stdDev: sigma });

  const warnings = [...extraWarnings];
  if (design.droppedColumns.length > 0) {
    const k = design.droppedColumns.length;
    warnings.push(`fixed-effect model matrix is rank deficient so dropping ${k} column${k > 1 ? "s" : ""} / coefficient${k > 1 ? "s" : ""}: ${design.droppedColumns.join(", ")}`);
  }
  if (design.nDropped > 0) warnings.push(`${design.nDropped} row${design.nDropped > 1 ? "s" : ""} with missing values dropped`);
  const singular = isSingularTheta(model.theta, model.terms);
  if (singular) warnings.push("boundary (singular) fit: a random-effect variance or correlation is on the boundary");
  if (!optimization.converged) warnings.push(optimization.message);
  const undefinedCorrelation = correlations.some((c) => Number.isNaN(c.correlation));
  if (undefinedCorrelation) warnings.push("a correlation is undefined (NaN) because a random-effect variance is zero");

  const vcovUnscaled = fitted.unscaledVcov;
  const fixedEffects: FixedEffect[] = design.fixedNames.map((term, j) => {
    const stdError = sigma * Math.sqrt(vcovUnscaled[j + p * j]);
    return { term, estimate: model.beta[j], stdError, df: null, statistic: model.beta[j] / stdError, pValue: null };
  });

  // lme4: npar = p + length(theta) + 1; logLik = -criterion / 2 for both REML and ML fits.
  const criterion = fitted.criterion;
  const logLik = -criterion / 2;
  const npar = p + model.theta.length + 1;
  const nGroups: Record<string, number> = {};
  for (const t of design.random) nGroups[t.group] = t.levels.length;
  return {
    formula: design.terms.formula,
    criterion: reml ? "REML" : "ML",
    nObs: n,
    nGroups,
    converged: optimization.converged,
    singular,
    warnings,
    fixedEffects,
    varianceComponents,
    correlations,
    sigma,
    theta: Array.from(model.theta),
    logLik,
    remlCriterion: reml ? criterion : null,
    deviance: reml ? null : criterion,
    aic: -2 * logLik + 2 * npar,
    bic: -2 * logLik + Math.log(n) * npar,
  };
}

export function assembleFit(design: ModelDesign, fitted: FittedModel, pls: PenalizedLeastSquares): LmmFit {
  const summary = summarize(design, fitted);
  const { model } = fitted;
  const { n, p, sigma } = model;
  const unscaled = fitted.unscaledVcov;
  const vcov = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, c) => sigma * sigma * unscaled[a + p * c]));
  const fittedValues = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += model.x[i + n * j] * model.beta[j];
    for (const t of model.terms) {
      const pt = t.columnNames.length;
      const o = t.zOffset + t.levelOfObservation[i] * pt;
      for (let k = 0; k < pt; k++) s += t.covariates[i + n * k] * model.b[o + k];
    }
    fittedValues[i] = s;
  }
  const names = uniqueGroupNames(design);
  pls.factorize(model.theta);
  const condVar = conditionalVariances(pls, sigma);
  const randomEffects: ConditionalModes[] = model.terms.map((t, index) => {
    const pt = t.columnNames.length;
    return {
      group: names[index],
      terms: [...t.columnNames],
      levels: [...t.levels],
      modes: t.levels.map((_, level) => Array.from(model.b.subarray(t.zOffset + level * pt, t.zOffset + (level + 1) * pt))),
      conditionalVariances: condVar[index],
    };
  });
  return {
    ...summary,
    nDropped: design.nDropped,
    vcov,
    randomEffects,
    fitted: fittedValues,
    residuals: fittedValues.map((f, i) => model.y[i] - f),
    rows: Array.from(design.rows),
    evaluations: fitted.optimization.evaluations,
    model,
    design,
  };
}

/** Only the fields of the `biomarker lmm --json` contract, in the contract's order. */
export function lmmSummary(fit: LmmSummary): LmmSummary {
  return {
    formula: fit.formula,
    criterion: fit.criterion,
    nObs: fit.nObs,
    nGroups: fit.nGroups,
    converged: fit.converged,
    singular: fit.singular,
    warnings: fit.warnings,
    fixedEffects: fit.fixedEffects,
    varianceComponents: fit.varianceComponents,
    correlations: fit.correlations,
    sigma: fit.sigma,
    theta: fit.theta,
    logLik: fit.logLik,
    remlCriterion: fit.remlCriterion,
    deviance: fit.deviance,
    aic: fit.aic,
    bic: fit.bic,
  };
}
