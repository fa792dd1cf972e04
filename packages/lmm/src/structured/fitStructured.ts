import { twoSidedTPValue } from "@biomarker/numerics";
import { LmmInputError } from "../errors.js";
import { type ModelDesign, buildDesign } from "../design/design.js";
import type { DataColumns } from "../design/frame.js";
import { thetaLowerBounds } from "../design/random.js";
import type { ModelTerms } from "../formula/terms.js";
import { fitDesign } from "../fit/fit.js";
import { optimizeTheta } from "../fit/optimize.js";
import { type FixedEffect, type LmmSummary, type RandomEffectCorrelation, type VarianceComponent, isSingularTheta, uniqueGroupNames } from "../fit/result.js";
import { observationBlocks, termFactor } from "../inference/marginalModel.js";
import {
  type StructuredData,
  evaluateMarginal,
  profiledCriterion,
  stratumSds,
  structureParameterCount,
} from "./marginalLikelihood.js";
import { betweenWithinDf } from "./betweenWithinDf.js";
import { structuredSatterthwaiteDf, structuredSatterthwaiteSetup } from "./satterthwaiteStructured.js";
import {
  type CorrelationStructure,
  correlationStructure,
  naturalCorrelation,
  parseCorrelation,
  parseVariance,
  unconstrainedCorrelation,
  varianceStructure,
} from "./residualStructure.js";

/** nlme's coef(corStruct, unconstrained = FALSE): { Phi } for corCAR1 / corAR1, { Rho } for corCompSymm. */
export interface CorrelationStructureResult {
  type: "corCAR1" | "corAR1" | "corCompSymm";
  formula: string;
  parameters: Record<string, number>;
}

/** nlme's coef(varIdent, unconstrained = FALSE): residual SD of each non-reference stratum / the reference's. */
export interface VarianceFunctionResult {
  type: "varIdent";
  formula: string;
  reference: string;
  parameters: Record<string, number>;
}

/** A fit with a residual correlation and/or variance structure: the lmm contract plus the structures. */
export interface StructuredLmmSummary extends LmmSummary {
  correlationStructure: CorrelationStructureResult | null;
  varianceFunction: VarianceFunctionResult | null;
}

export interface StructuredLmmFit extends StructuredLmmSummary {
  nDropped: number;
  /** vcov(beta) as nlme reports it: sigma^2 (X'V*^{-1}X)^{-1}, times n / (n - p) for an ML fit. */
  vcov: number[][];
  /** Marginal residuals y - X beta, in the order of `rows`. */
  residuals: number[];
  rows: number[];
  evaluations: number;
  /** psi = (theta, unconstrained correlation, log SD ratios) at the optimum. */
  psi: number[];
  structured: StructuredData;
  reml: boolean;
  design: ModelDesign;
}

export interface StructuredOptions {
  /** "corCAR1(~ day | subject)", "corAR1(~ 1 | subject)" or "corCompSymm(~ 1 | subject)". */
  readonly correlation?: string;
  /** "varIdent(~ 1 | visit)". */
  readonly weights?: string;
  readonly reml?: boolean;
  readonly levels?: Record<string, readonly string[]>;
  /** Denominator df of the fixed-effect t tests: none (default, df and pValue null), nlme's containment
   *  df ("between-within") or Satterthwaite's from the covariance parameters' information. */
  readonly ddf?: StructuredDdf;
}

export type StructuredDdf = "none" | "between-within" | "satterthwaite";

const OPTION_KEYS = new Set(["correlation", "weights", "reml", "levels", "ddf"]);
const DDF = new Set(["none", "between-within", "satterthwaite"]);

function checkOptions(options: StructuredOptions): void {
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) throw new LmmInputError(`fitLmm with a residual structure: unknown option '${key}'`);
  }
  if (options.ddf !== undefined && !DDF.has(options.ddf)) {
    throw new LmmInputError(`ddf must be one of none, between-within, satterthwaite; got '${String(options.ddf)}'`);
  }
}

/** The fixed-effect t tests of a structured fit with the chosen df. */
export function structuredTests(fit: StructuredLmmFit, ddf: StructuredDdf): FixedEffect[] {
  if (ddf === "none") return fit.fixedEffects.map((f) => ({ ...f, df: null, pValue: null }));
  const p = fit.fixedEffects.length;
  let dfs: (number | null)[];
  if (ddf === "between-within") dfs = betweenWithinDf(fit.design);
  else {
    const setup = structuredSatterthwaiteSetup(fit.structured, fit.psi, fit.sigma, fit.reml);
    dfs = fit.fixedEffects.map((_, j) => {
      const l = new Float64Array(p);
      l[j] = 1;
      return structuredSatterthwaiteDf(setup, l, p);
    });
  }
  return fit.fixedEffects.map((f, j) => {
    const df = dfs[j];
    return { ...f, df, pValue: df === null ? null : twoSidedTPValue(f.statistic, df) };
  });
}

/** Upper/lower bound of the unconstrained correlation and log SD ratio parameters (keeps the search finite). */
const PARAMETER_BOUND = 30;

/** The design's data plus the residual structures on the fitted rows. */
export function structuredData(design: ModelDesign, data: DataColumns, options: StructuredOptions): StructuredData {
  if (design.random.length === 0) throw new LmmInputError("a residual structure needs at least one random-effect term in the formula");
  const blocks = observationBlocks({ n: design.n, terms: design.random } as never);
  const correlation = options.correlation === undefined ? null : correlationStructure(parseCorrelation(options.correlation), data, design.rows);
  if (correlation) checkNested(correlation, blocks, design.n);
  // nlme sorts the data by the grouping factor before it meets varIdent: its reference is the first stratum there.
  const first = design.random[0].levelOfObservation;
  const order = Int32Array.from({ length: design.n }, (_, i) => i).sort((a, b) => first[a] - first[b] || a - b);
  const variance = options.weights === undefined ? null : varianceStructure(parseVariance(options.weights), data, design.rows, order);
  const nTheta = design.random.reduce((s, t) => s + t.nTheta, 0);
  return { n: design.n, p: design.p, x: design.x, y: design.y, terms: design.random, nTheta, blocks, correlation, variance };
}

function checkNested(c: CorrelationStructure, blocks: readonly Int32Array[], n: number): void {
  const blockOf = new Int32Array(n);
  blocks.forEach((rows, b) => rows.forEach((i) => (blockOf[i] = b)));
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const b = seen.get(c.groupOf[i]);
    if (b === undefined) seen.set(c.groupOf[i], blockOf[i]);
    else if (b !== blockOf[i]) {
      throw new LmmInputError(`correlation '${c.spec.text}': groups of '${c.spec.group}' must lie within the random-effect groups (use the grouping factor of the formula)`);
    }
  }
}

/**
 * Fits y = X beta + Z b + e with Var(e_b) = sigma^2 D_b C_b D_b by REML (default) or ML, maximizing the
 * profiled marginal likelihood of marginalLikelihood.ts over psi with the optimizer of the lme4-style fit
 * (trust region + Newton polish). Start: the lme4 fit's theta, SD ratios from its conditional residuals per
 * stratum, and the correlation parameter
 * best on a grid of 5 values (0.1, ..., 0.9 for phi; 0, ..., 0.8 for rho) at that theta.
 */
export function fitStructured(data: DataColumns, formula: string | ModelTerms, options: StructuredOptions): StructuredLmmFit {
  checkOptions(options);
  const design = buildDesign(data, formula, { levels: options.levels });
  const reml = options.reml ?? true;
  const d = structuredData(design, data, options);
  const base = fitDesign(design, design.y, reml);
  const nPsi = d.nTheta + structureParameterCount(d);
  const lower = new Float64Array(nPsi).fill(-PARAMETER_BOUND);
  lower.set(thetaLowerBounds(design.random));
  const f = (psi: Float64Array): number => {
    for (let k = d.nTheta; k < nPsi; k++) if (Math.abs(psi[k]) > PARAMETER_BOUND) return Infinity;
    return profiledCriterion(evaluateMarginal(d, psi), d.n, d.p, reml);
  };
  // Start: the lme4 fit's theta, SD ratios 1, and the best correlation on a coarse grid at that theta.
  const start = new Float64Array(nPsi);
  start.set(base.model.theta);
  if (d.variance) {
    // log SD ratios from the lme4 fit's conditional residuals y - X beta - Z b per stratum.
    const k = d.variance.strata.length;
    const ss = new Float64Array(k);
    const count = new Float64Array(k);
    const { x, beta, b, terms, n, p } = base.model;
    for (let i = 0; i < n; i++) {
      let r = d.y[i];
      for (let j = 0; j < p; j++) r -= x[i + n * j] * beta[j];
      for (const t of terms) {
        const pt = t.columnNames.length;
        const o = t.zOffset + t.levelOfObservation[i] * pt;
        for (let c = 0; c < pt; c++) r -= t.covariates[i + n * c] * b[o + c];
      }
      ss[d.variance.stratumOf[i]] += r * r;
      count[d.variance.stratumOf[i]]++;
    }
    const sd = (s: number) => Math.sqrt(ss[s] / count[s]);
    const o = d.nTheta + (d.correlation ? 1 : 0);
    for (let s = 1; s < k; s++) {
      const ratio = Math.log(sd(s) / sd(0));
      start[o + s - 1] = Number.isFinite(ratio) ? Math.max(-5, Math.min(5, ratio)) : 0;
    }
  }
  let evaluations = base.optimization.evaluations;
  if (d.correlation) {
    const grid = d.correlation.spec.type === "corCompSymm" ? [0, 0.2, 0.4, 0.6, 0.8] : [0.1, 0.3, 0.5, 0.7, 0.9];
    let bestValue = Infinity;
    for (const c of grid) {
      const trial = Float64Array.from(start);
      trial[d.nTheta] = unconstrainedCorrelation(d.correlation, c);
      const value = f(trial);
      evaluations++;
      if (value < bestValue) {
        bestValue = value;
        start[d.nTheta] = trial[d.nTheta];
      }
    }
  }
  const r = optimizeTheta(f, start, lower);
  evaluations += r.report.evaluations;
  const chosen = { psi: r.theta, converged: r.report.converged, message: r.report.message };
  const fit = assembleStructured(design, d, chosen.psi, reml, { evaluations, converged: chosen.converged, message: chosen.message });
  if (options.ddf !== undefined && options.ddf !== "none") fit.fixedEffects = structuredTests(fit, options.ddf);
  return fit;
}

/** The structured fit at given parameters psi (no optimization): for comparing inference at a reference optimum. */
export function structuredFitAt(data: DataColumns, formula: string | ModelTerms, options: StructuredOptions, psi: ArrayLike<number>): StructuredLmmFit {
  checkOptions(options);
  const design = buildDesign(data, formula, { levels: options.levels });
  const reml = options.reml ?? true;
  const d = structuredData(design, data, options);
  return assembleStructured(design, d, Float64Array.from(psi), reml, { evaluations: 0, converged: true, message: "" });
}

function assembleStructured(
  design: ModelDesign,
  d: StructuredData,
  psi: Float64Array,
  reml: boolean,
  optimization: { evaluations: number; converged: boolean; message: string },
): StructuredLmmFit {
  const { n, p } = d;
  const e = evaluateMarginal(d, psi);
  if (!e) throw new LmmInputError("the fitted marginal covariance is not positive definite");
  const criterion = profiledCriterion(e, n, p, reml);
  const sigma2 = e.rss / (reml ? n - p : n);
  const sigma = Math.sqrt(sigma2);
  const vcovScale = sigma2 * (reml ? 1 : n / (n - p));
  const vcov = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, c) => vcovScale * e.xtvxInverse[a + p * c]));
  const fixedEffects: FixedEffect[] = design.fixedNames.map((term, j) => {
    const stdError = Math.sqrt(vcov[j][j]);
    return { term, estimate: e.beta[j], stdError, df: null, statistic: e.beta[j] / stdError, pValue: null };
  });
  const names = uniqueGroupNames(design);
  const varianceComponents: VarianceComponent[] = [];
  const correlations: RandomEffectCorrelation[] = [];
  design.random.forEach((t, index) => {
    const pt = t.columnNames.length;
    const tf = termFactor(psi, t.thetaOffset, pt);
    const cov = (a: number, b: number) => {
      let s = 0;
      for (let c = 0; c <= Math.min(a, b); c++) s += tf[a + pt * c] * tf[b + pt * c];
      return sigma2 * s;
    };
    for (let a = 0; a < pt; a++) varianceComponents.push({ group: names[index], term: t.columnNames[a], variance: cov(a, a), stdDev: Math.sqrt(cov(a, a)) });
    for (let a = 0; a < pt; a++) for (let b = a + 1; b < pt; b++) {
      const den = Math.sqrt(cov(a, a) * cov(b, b));
      correlations.push({ group: names[index], term1: t.columnNames[a], term2: t.columnNames[b], correlation: den > 0 ? cov(a, b) / den : NaN });
    }
  });
  varianceComponents.push({ group: "Residual", term: null, variance: sigma2, stdDev: sigma });

  let correlationStructure: CorrelationStructureResult | null = null;
  if (d.correlation) {
    const value = naturalCorrelation(d.correlation, psi[d.nTheta]);
    const name = d.correlation.spec.type === "corCompSymm" ? "Rho" : "Phi";
    correlationStructure = { type: d.correlation.spec.type, formula: d.correlation.spec.text, parameters: { [name]: value } };
  }
  let varianceFunction: VarianceFunctionResult | null = null;
  if (d.variance) {
    const delta = stratumSds(d, psi);
    const parameters: Record<string, number> = {};
    d.variance.strata.forEach((s, k) => {
      if (k > 0) parameters[s] = delta[k];
    });
    varianceFunction = { type: "varIdent", formula: d.variance.spec.text, reference: d.variance.strata[0], parameters };
  }

  const warnings: string[] = [];
  if (design.droppedColumns.length > 0) warnings.push(`fixed-effect model matrix is rank deficient so dropping ${design.droppedColumns.length} column(s): ${design.droppedColumns.join(", ")}`);
  if (design.nDropped > 0) warnings.push(`${design.nDropped} row${design.nDropped > 1 ? "s" : ""} with missing values dropped`);
  const thetaLower = thetaLowerBounds(design.random);
  const theta = psi.subarray(0, d.nTheta);
  const singular = isSingularTheta(theta, thetaLower);
  if (singular) warnings.push("boundary (singular) fit: a random-effect variance or correlation is on the boundary");
  // corCAR1's Phi -> 0 is a proper boundary (no serial correlation: the fit equals the one without it); any
  // other parameter at the edge (Phi -> 1, an SD ratio -> 0 or infinity) has no valid optimum.
  let degenerate = false;
  for (let k = d.nTheta; k < psi.length; k++) {
    const phiToZero = k === d.nTheta && d.correlation?.spec.type === "corCAR1" && psi[k] < 0;
    if (Math.abs(psi[k]) > PARAMETER_BOUND - 1) {
      if (phiToZero) warnings.push("corCAR1: Phi is estimated at 0 (no serial correlation beyond the random effects)");
      else degenerate = true;
    }
  }
  if (degenerate) warnings.push("a correlation or SD-ratio parameter ran to the edge of its range (degenerate structure, e.g. a visit whose residual SD tends to 0): no valid optimum");
  if (!optimization.converged) warnings.push(optimization.message);
  const logLik = -criterion / 2;
  // nlme's count: fixed effects, random-effect covariance parameters, structure parameters, sigma.
  const npar = p + psi.length + 1;
  const nGroups: Record<string, number> = {};
  for (const t of design.random) nGroups[t.group] = t.levels.length;
  const residuals = Array.from({ length: n }, (_, i) => {
    let s = d.y[i];
    for (let j = 0; j < p; j++) s -= d.x[i + n * j] * e.beta[j];
    return s;
  });
  return {
    formula: design.terms.formula,
    criterion: reml ? "REML" : "ML",
    nObs: n,
    nGroups,
    converged: optimization.converged && !degenerate,
    singular,
    warnings,
    fixedEffects,
    varianceComponents,
    correlations,
    sigma,
    theta: Array.from(theta),
    logLik,
    remlCriterion: reml ? criterion : null,
    deviance: reml ? null : criterion,
    aic: -2 * logLik + 2 * npar,
    // nlme's BIC counts n - p observations for a REML fit.
    bic: -2 * logLik + Math.log(reml ? n - p : n) * npar,
    correlationStructure,
    varianceFunction,
    nDropped: design.nDropped,
    vcov,
    residuals,
    rows: Array.from(design.rows),
    evaluations: optimization.evaluations,
    psi: Array.from(psi),
    structured: d,
    reml,
    design,
  };
}
