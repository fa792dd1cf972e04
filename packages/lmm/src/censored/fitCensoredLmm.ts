import { normalSf, studentTSf } from "@biomarker/numerics";
import type { DesignOptions } from "../design/design.js";
import type { DataColumns } from "../design/frame.js";
import { LmmInputError } from "../errors.js";
import type { RandomEffectCorrelation, VarianceComponent } from "../fit/result.js";
import type { ModelTerms } from "../formula/terms.js";
import { betweenWithinDf } from "./betweenWithinDf.js";
import { censoredDesign } from "./censoredDesign.js";
import { parameterCount } from "./censoredLikelihood.js";
import { nonEstimableColumns } from "./estimability.js";
import { maximizeLikelihood } from "./fitCore.js";
import { censoredBase, designColumn, modelDataFor, startValues } from "./modelData.js";
import { type CensoredProfileModel, contrastProfile } from "./profile.js";

/** Denominator df of the Wald tests of a censored fit. */
export type CensoredDdf = "between-within" | "z";

export interface CensoredLmmOptions extends DesignOptions {
  /** Column with "<" (left-censored), ">" (right-censored) or empty; default "censored". */
  readonly censored?: string;
  /** Column with the limit of a censored row; default "limit". */
  readonly limit?: string;
  /** Quadrature nodes per random effect; default "auto" (log-likelihood accurate to 1e-6). */
  readonly nAGQ?: number | "auto";
  /** Wald tests: t on between-within df (default) or z (normal reference, df null). */
  readonly ddf?: CensoredDdf;
  /** Level of the one-sided bounds of non-estimable coefficients (default 0.95). */
  readonly level?: number;
  /** Compute those bounds (profile likelihood; default true). */
  readonly bounds?: boolean;
}

const OPTION_KEYS = new Set(["levels", "censored", "limit", "nAGQ", "ddf", "level", "bounds"]);

/** One-sided profile-likelihood bound of a coefficient the data cannot estimate. */
export interface CensoredBound {
  side: "upper" | "lower";
  value: number;
  level: number;
}

export interface CensoredFixedEffect {
  term: string;
  /** null when the coefficient is not estimable (its cell is entirely censored). */
  estimate: number | null;
  stdError: number | null;
  /** Between-within df of the t test; null for z tests and non-estimable coefficients. */
  df: number | null;
  /** Wald t (or z) = estimate / stdError. */
  statistic: number | null;
  pValue: number | null;
  bound?: CensoredBound;
  note?: string;
}

/** The `biomarker lmm --json` contract of a censored fit. */
export interface CensoredLmmSummary {
  formula: string;
  criterion: "ML";
  nObs: number;
  nGroups: Record<string, number>;
  converged: boolean;
  singular: boolean;
  warnings: string[];
  fixedEffects: CensoredFixedEffect[];
  varianceComponents: VarianceComponent[];
  correlations: RandomEffectCorrelation[];
  sigma: number;
  /** lme4's theta: the random-effect Cholesky factor relative to sigma, column by column. */
  theta: number[];
  /** The censored (Tobit) log-likelihood. */
  logLik: number;
  remlCriterion: null;
  deviance: number;
  aic: number;
  bic: number;
  censoring: { method: "likelihood"; nCensored: number; nAGQ: number };
  ddf: CensoredDdf;
}

export interface CensoredLmmFit extends CensoredLmmSummary {
  /** Rows dropped for missing values (an empty value with no censoring). */
  nDropped: number;
  /** vcov of the estimable coefficients (inverse observed information), row-major, in the order of `estimableTerms`. */
  vcov: number[][];
  estimableTerms: string[];
  evaluations: number;
  /** For profiles and bounds (censoredContrastProfile). */
  model: CensoredProfileModel;
}

function validate(options: CensoredLmmOptions): void {
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) throw new LmmInputError(`fitCensoredLmm: unknown option '${key}' (known: ${[...OPTION_KEYS].join(", ")})`);
  }
  const { nAGQ, ddf, level } = options;
  if (nAGQ !== undefined && nAGQ !== "auto" && !(Number.isInteger(nAGQ) && nAGQ >= 1 && nAGQ <= 100)) {
    throw new LmmInputError(`nAGQ must be "auto" or a whole number from 1 to 100, got ${nAGQ}`);
  }
  if (ddf !== undefined && ddf !== "between-within" && ddf !== "z") throw new LmmInputError(`ddf must be "between-within" or "z", got '${ddf}'`);
  if (level !== undefined && !(level > 0.5 && level < 1)) throw new LmmInputError(`level must be in (0.5, 1), got ${level}`);
}

/**
 * Censored-Gaussian (Tobit, "M3") linear mixed model by maximum likelihood: an observed value contributes
 * the normal density, a censored one the normal probability beyond its limit, given the random effects,
 * which are integrated out by adaptive Gauss-Hermite quadrature (one grouping factor; Laplace beyond two
 * random effects per subject). Coefficients whose cell is entirely censored are not estimated: they get a
 * one-sided profile-likelihood bound. With nothing censored the fit is lme4's ML fit.
 */
export function fitCensoredLmm(data: DataColumns, formula: string | ModelTerms, options: CensoredLmmOptions = {}): CensoredLmmFit {
  validate(options);
  const level = options.level ?? 0.95;
  const ddf = options.ddf ?? "between-within";
  const { design, censoring, nCensored } = censoredDesign(
    data,
    formula,
    { censored: options.censored ?? "censored", limit: options.limit ?? "limit" },
    { levels: options.levels },
  );
  const base = censoredBase(design, censoring);
  const { n, p, fixedNames } = design;
  const nonEstimable = nonEstimableColumns(design.x, n, p, censoring);
  if (nonEstimable.some((c) => c.rows.length === n)) {
    throw new LmmInputError("every value is censored on the same side: the data give no estimate, only a bound on the mean");
  }
  const droppedRows = new Set(nonEstimable.flatMap((c) => c.rows));
  const nonEstimableSet = new Set(nonEstimable.map((c) => c.column));
  const estimable = Array.from({ length: p }, (_, k) => k).filter((k) => !nonEstimableSet.has(k));
  const rows = Array.from({ length: n }, (_, j) => j).filter((j) => !droppedRows.has(j));
  const modelData = modelDataFor(base, rows, estimable.map((k) => designColumn(design, k)), null);
  const core = maximizeLikelihood(modelData, startValues(modelData), options.nAGQ ?? "auto");
  const { q } = base;
  const pe = estimable.length;
  const m = parameterCount(pe, q);
  const theta = core.theta;
  const sigma = Math.exp(theta[pe]);
  const warnings: string[] = [];
  if (design.nDropped > 0) warnings.push(`${design.nDropped} rows with a missing value were dropped`);
  if (!core.covariance) warnings.push("the observed information is not positive definite: standard errors are not available");

  // L with a non-negative diagonal (flipping a column's sign leaves b = L u's distribution unchanged).
  const lower = new Float64Array(q * q);
  for (let b = 0, k = pe + 1; b < q; b++) for (let a = b; a < q; a++) lower[a + b * q] = theta[k++];
  for (let b = 0; b < q; b++) if (lower[b + b * q] < 0) for (let a = b; a < q; a++) lower[a + b * q] = -lower[a + b * q];
  const thetaRelative: number[] = [];
  for (let b = 0; b < q; b++) for (let a = b; a < q; a++) thetaRelative.push(lower[a + b * q] / sigma);
  const singular = Array.from({ length: q }, (_, b) => lower[b + b * q] / sigma).some((d) => d < 1e-4);
  if (singular) warnings.push("boundary (singular) fit: a random-effect variance is estimated at (or near) zero");
  const term = design.random[0];
  const varianceComponents: VarianceComponent[] = [];
  const correlations: RandomEffectCorrelation[] = [];
  const cov = (a: number, c: number) => {
    let s = 0;
    for (let k = 0; k <= Math.min(a, c); k++) s += lower[a + k * q] * lower[c + k * q];
    return s;
  };
  if (term) {
    term.columnNames.forEach((name, a) => varianceComponents.push({ group: term.group, term: name, variance: cov(a, a), stdDev: Math.sqrt(cov(a, a)) }));
    for (let a = 0; a < q; a++) {
      for (let c = a + 1; c < q; c++) {
        const denominator = Math.sqrt(cov(a, a) * cov(c, c));
        correlations.push({ group: term.group, term1: term.columnNames[a], term2: term.columnNames[c], correlation: denominator > 0 ? cov(a, c) / denominator : NaN });
      }
    }
  }
  varianceComponents.push({ group: "Residual", term: null, variance: sigma * sigma, stdDev: sigma });

  const model: CensoredProfileModel = { base, nonEstimable, estimable, theta, logLik: core.logLik, covariance: core.covariance, nAGQ: core.nAGQ };
  const dfs = betweenWithinDf(modelData);
  const fixedEffects: CensoredFixedEffect[] = fixedNames.map((name, k) => {
    const i = estimable.indexOf(k);
    if (i >= 0) {
      const estimate = theta[i];
      const stdError = core.covariance ? Math.sqrt(core.covariance[i * m + i]) : NaN;
      const statistic = estimate / stdError;
      if (ddf === "z") return { term: name, estimate, stdError, df: null, statistic, pValue: 2 * normalSf(Math.abs(statistic)) };
      return { term: name, estimate, stdError, df: dfs[i], statistic, pValue: 2 * studentTSf(Math.abs(statistic), dfs[i]) };
    }
    const cell = nonEstimable.find((c) => c.column === k) as (typeof nonEstimable)[number];
    const note =
      `not estimable: all ${cell.rows.length} observations in its cell are censored ${cell.side === "upper" ? "below" : "above"} their limit, ` +
      `so the likelihood keeps rising as the coefficient goes to ${cell.side === "upper" ? "-" : "+"}infinity; only a one-sided profile-likelihood bound is reported`;
    const effect: CensoredFixedEffect = { term: name, estimate: null, stdError: null, df: null, statistic: null, pValue: null, note };
    if (options.bounds ?? true) {
      const contrast = new Float64Array(p);
      contrast[k] = 1;
      const profile = contrastProfile(model, contrast, level);
      if (profile.kind === "bound") effect.bound = { side: profile.side, value: profile.value, level };
    }
    return effect;
  });
  for (const c of nonEstimable) warnings.push(`'${fixedNames[c.column]}' is not estimable (entirely censored cell); reported as a one-sided bound`);

  const npar = parameterCount(p, q);
  const logLik = core.logLik;
  const nGroups: Record<string, number> = {};
  if (term) nGroups[term.group] = term.levels.length;
  return {
    formula: design.terms.formula,
    criterion: "ML",
    nObs: n,
    nGroups,
    converged: core.converged,
    singular,
    warnings,
    fixedEffects,
    varianceComponents,
    correlations,
    sigma,
    theta: thetaRelative,
    logLik,
    remlCriterion: null,
    deviance: -2 * logLik,
    aic: -2 * logLik + 2 * npar,
    bic: -2 * logLik + Math.log(n) * npar,
    censoring: { method: "likelihood", nCensored, nAGQ: core.nAGQ },
    ddf,
    nDropped: design.nDropped,
    vcov: Array.from({ length: pe }, (_, i) => Array.from({ length: pe }, (_, j) => (core.covariance ? core.covariance[i * m + j] : NaN))),
    estimableTerms: estimable.map((k) => fixedNames[k]),
    evaluations: core.evaluations,
    model,
  };
}

/** The JSON contract fields of a censored fit (drops vcov and the model object). */
export function censoredLmmSummary(fit: CensoredLmmFit): CensoredLmmSummary {
  const { nDropped: _n, vcov: _v, estimableTerms: _e, evaluations: _ev, model: _m, ...summary } = fit;
  return summary;
}
