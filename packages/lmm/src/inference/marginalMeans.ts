import { checkOptions, studentTQuantile } from "@biomarker/numerics";
import { type ContrastTester, type DdfChoice, contrastTester } from "./contrastTests.js";
import type { ModelDesign } from "../design/design.js";
import type { InferenceModel } from "./marginalModel.js";

export type Adjustment = "none" | "bonferroni" | "holm" | "sidak";

export interface MarginalMeansOptions {
  /** The factor whose levels get a marginal mean, e.g. "visit"; or a numeric covariate (with `at`), e.g. "day". */
  readonly factor: string;
  /** All its levels in model order, the reference (baseline) first, e.g. ["V1", ..., "V8"]. For a numeric
   *  covariate, the labels of `at` (default: the values as text). */
  readonly levels: readonly string[];
  /** A numeric covariate's values to evaluate at, the baseline first (emmeans' `at = list(day = ...)`). */
  readonly at?: readonly number[];
  /** Other factors in the model and their levels (averaged over with equal weights, as emmeans does). */
  readonly otherFactors?: Readonly<Record<string, readonly string[]>>;
  /** Other factors held at one level instead of averaged over (emmeans' `~ visit | arm`, one call per level). */
  readonly fixedLevels?: Readonly<Record<string, string>>;
  readonly ddf: DdfChoice;
  /** Contrasts against the first level ("baseline", emmeans' trt.vs.ctrl with ref = 1). Default "baseline". */
  readonly contrast?: "baseline" | "none";
  /** Multiplicity adjustment of the contrasts' p-values across levels. Default "none". */
  readonly adjust?: Adjustment;
  /** Confidence level. Default 0.95. */
  readonly level?: number;
  /** Reuse a prepared df method. */
  readonly tester?: ContrastTester;
}

export interface MarginalMean {
  readonly level: string;
  readonly estimate: number;
  readonly stdError: number;
  readonly df: number | null;
  readonly lower: number;
  readonly upper: number;
}

export interface BaselineContrast {
  /** "V2 - V1". */
  readonly contrast: string;
  readonly estimate: number;
  readonly stdError: number;
  readonly df: number | null;
  readonly statistic: number;
  readonly pValue: number | null;
  /** p-value after the chosen adjustment across the contrasts (equal to pValue under "none"). */
  readonly adjustedPValue: number | null;
  /** Confidence limits; Bonferroni-widened under "bonferroni" and "holm" (Holm has no interval; emmeans
   *  also switches its intervals to Bonferroni), Sidak-widened under "sidak". */
  readonly lower: number;
  readonly upper: number;
}

export interface MarginalMeansResult {
  readonly factor: string;
  readonly ddf: DdfChoice;
  readonly adjust: Adjustment;
  readonly confidenceLevel: number;
  readonly means: MarginalMean[];
  readonly contrasts: BaselineContrast[];
  /** The L row of each level's marginal mean (reference grid weights), for transparency. */
  readonly weights: number[][];
  /** Levels left out because their column of X was dropped (no data, or aliased): no mean, no contrast. */
  readonly nonEstimable: { level: string; reason: string }[];
}

export class ReferenceGridError extends Error {
  readonly inputError = true;
  constructor(message: string) {
    super(message);
    this.name = "ReferenceGridError";
  }
}

/**
 * The reference-grid row of one level (Searle, Speed & Milliken 1980; Lenth 2016, emmeans): each column of X
 * is a product of parts named as R names them (":"-separated). A part is the intercept (1), an indicator
 * `factor + level` of the focal factor (1 on that level), an indicator of another factor (averaged over its
 * levels with equal weights: 1/k), or a numeric covariate (held at its mean over the fitted rows). Products
 * of parts that involve different variables average to the product of the averages over the full grid.
 */
function gridRow(model: InferenceModel, options: MarginalMeansOptions, level: string, atValue: number | null): Float64Array {
  const { n, p, x, fixedNames } = model;
  const columnMean = (j: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i + n * j];
    return s / n;
  };
  const partValue = (part: string): number => {
    if (part === "(Intercept)") return 1;
    if (atValue !== null) {
      if (part === options.factor) return atValue;
    } else if (part.startsWith(options.factor) && options.levels.includes(part.slice(options.factor.length))) {
      return part.slice(options.factor.length) === level ? 1 : 0;
    }
    for (const [name, levels] of Object.entries(options.otherFactors ?? {})) {
      if (!part.startsWith(name) || !levels.includes(part.slice(name.length))) continue;
      const held = options.fixedLevels?.[name];
      return held === undefined ? 1 / levels.length : part.slice(name.length) === held ? 1 : 0;
    }
    const j = fixedNames.indexOf(part);
    if (j >= 0) return columnMean(j);
    throw new ReferenceGridError(`cannot place the model column part '${part}' on the reference grid of '${options.factor}': name its factor in otherFactors`);
  };
  const row = new Float64Array(p);
  fixedNames.forEach((name, j) => {
    row[j] = name.split(":").reduce((acc, part) => acc * partValue(part), 1);
  });
  return row;
}

/** Bonferroni (p m), Sidak (1 - (1 - p)^m, computed as -expm1(m log1p(-p))) and Holm's (1979) step-down,
 *  over the m non-null p-values, capped at 1. */
export function adjustPValues(p: readonly (number | null)[], method: Adjustment): (number | null)[] {
  const m = p.filter((v) => v !== null).length;
  if (method === "none") return [...p];
  if (method === "bonferroni") return p.map((v) => (v === null ? null : Math.min(1, v * m)));
  if (method === "sidak") return p.map((v) => (v === null ? null : Math.min(1, -Math.expm1(m * Math.log1p(-v)))));
  const order = p.map((v, i) => [v, i] as const).filter(([v]) => v !== null).sort((a, b) => (a[0] as number) - (b[0] as number));
  const out: (number | null)[] = p.map(() => null);
  let running = 0;
  order.forEach(([v, i], k) => {
    running = Math.max(running, Math.min(1, (m - k) * (v as number)));
    out[i] = running;
  });
  return out;
}

/**
 * Estimated marginal means per level of a factor and contrasts against its first level, with the chosen df
 * method (emmeans with lmer.df = "satterthwaite" / "kenward-roger"; under KR the adjusted covariance gives
 * the standard errors, as emmeans does). The clinical question "change from baseline at day 28, with CI" is
 * the contrast row "D28 - D0".
 */
export function estimatedMarginalMeans(model: InferenceModel, options: MarginalMeansOptions): MarginalMeansResult {
  checkOptions("estimatedMarginalMeans", options, { factor: "string", levels: "array", at: "array", otherFactors: "object", fixedLevels: "object", ddf: ["satterthwaite", "kenward-roger", "none"], contrast: ["baseline", "none"], adjust: ["none", "bonferroni", "holm", "sidak"], level: "number", tester: "object" });
  const confidenceLevel = options.level ?? 0.95;
  const adjust = options.adjust ?? "none";
  const tester = options.tester ?? contrastTester(model, options.ddf);
  if (options.at) return numericMarginalMeans(model, options, tester, confidenceLevel, adjust);
  const nonEstimable = options.levels
    .slice(1)
    .filter((level) => !model.fixedNames.some((name) => name.split(":").includes(options.factor + level)))
    .map((level) => ({ level, reason: `no column '${options.factor}${level}' in the model (no observations, or aliased and dropped)` }));
  if (options.levels.length > 0 && !model.fixedNames.some((name) => name.split(":").some((part) => part.startsWith(options.factor)))) {
    throw new ReferenceGridError(`'${options.factor}' has no columns in the model (columns: ${model.fixedNames.join(", ")})`);
  }
  const levels = options.levels.filter((level) => !nonEstimable.some((e) => e.level === level));
  const weights = levels.map((level) => gridRow(model, options, level, null));
  return meansAndContrasts(options, tester, confidenceLevel, adjust, levels, weights, nonEstimable);
}

/** Marginal means at values of a numeric covariate (other covariates at their means, factors averaged). */
function numericMarginalMeans(
  model: InferenceModel,
  options: MarginalMeansOptions,
  tester: ContrastTester,
  confidenceLevel: number,
  adjust: Adjustment,
): MarginalMeansResult {
  const at = options.at as readonly number[];
  if (!model.fixedNames.some((name) => name.split(":").includes(options.factor))) {
    throw new ReferenceGridError(`'${options.factor}' is not a numeric column of the model (columns: ${model.fixedNames.join(", ")})`);
  }
  const levels = at.map((v, k) => options.levels[k] ?? String(v));
  const weights = at.map((v, k) => gridRow(model, options, levels[k], v));
  return meansAndContrasts(options, tester, confidenceLevel, adjust, levels, weights, []);
}

function meansAndContrasts(
  options: MarginalMeansOptions,
  tester: ContrastTester,
  confidenceLevel: number,
  adjust: Adjustment,
  levels: string[],
  weights: Float64Array[],
  nonEstimable: { level: string; reason: string }[],
): MarginalMeansResult {
  const quantile = (df: number | null, alpha: number) => studentTQuantile(1 - alpha / 2, df ?? Infinity);
  const means = levels.map((level, k) => {
    const t = tester.test(weights[k]);
    const h = quantile(t.df, 1 - confidenceLevel) * t.stdError;
    return { level, estimate: t.estimate, stdError: t.stdError, df: t.df, lower: t.estimate - h, upper: t.estimate + h };
  });
  let contrasts: BaselineContrast[] = [];
  if ((options.contrast ?? "baseline") === "baseline") {
    const base = weights[0];
    const tests = levels.slice(1).map((level, k) => {
      const l = weights[k + 1].map((v, j) => v - base[j]);
      return { level, t: tester.test(l) };
    });
    const adjusted = adjustPValues(tests.map(({ t }) => t.pValue), adjust);
    // Simultaneous intervals: Bonferroni alpha/m (also for Holm, which has no interval), Sidak 1 - level^(1/m).
    const m = tests.length;
    const alpha = adjust === "none" ? 1 - confidenceLevel : adjust === "sidak" ? -Math.expm1(Math.log(confidenceLevel) / m) : (1 - confidenceLevel) / m;
    contrasts = tests.map(({ level, t }, k) => {
      const h = quantile(t.df, alpha) * t.stdError;
      return {
        contrast: `${level} - ${levels[0]}`,
        estimate: t.estimate,
        stdError: t.stdError,
        df: t.df,
        statistic: t.statistic,
        pValue: t.pValue,
        adjustedPValue: adjusted[k],
        lower: t.estimate - h,
        upper: t.estimate + h,
      };
    });
  }
  return { factor: options.factor, ddf: options.ddf, adjust, confidenceLevel, means, contrasts, weights: weights.map((w) => Array.from(w)), nonEstimable };
}


function factorVariable(design: ModelDesign, column: string) {
  const v = design.terms.fixed.variables.find((x) => x.column === column || x.label === column);
  return v && design.levels[v.column] ? v : undefined;
}

/** A numeric covariate with its own column in X: evaluated at its distinct observed values, smallest
 *  (baseline) first. */
function numericVariable(design: ModelDesign, model: InferenceModel, column: string): { label: string; at: number[] } | null {
  const v = design.terms.fixed.variables.find((x) => x.column === column || x.label === column);
  if (!v || design.levels[v.column]) return null;
  const j = model.fixedNames.indexOf(v.label);
  if (j < 0) return null;
  const values = new Set<number>();
  for (let i = 0; i < model.n; i++) values.add(model.x[i + model.n * j]);
  return { label: v.label, at: [...values].sort((a, b) => a - b) };
}

export class ReferenceFactorError extends Error {
  readonly inputError = true;
  constructor(column: string, design: ModelDesign) {
    const factors = design.terms.fixed.variables.filter((v) => design.levels[v.column]).map((v) => v.column);
    super(`--emmeans ${column}: not a factor or numeric main effect among the fixed effects (factors: ${factors.join(", ") || "none"})`);
    this.name = "ReferenceFactorError";
  }
}


/**
 * Marginal means of a fit's factor (or numeric main effect) column, with the levels, the other factors and
 * their level orders taken from the fit's design: emmeans(fit, ~ visit) followed by trt.vs.ctrl.
 */
export function marginalMeansOf(
  fit: { readonly model: InferenceModel; readonly design: ModelDesign },
  column: string,
  options: Omit<MarginalMeansOptions, "factor" | "levels" | "at" | "otherFactors">,
): MarginalMeansResult {
  checkOptions("marginalMeansOf", options, { ddf: ["satterthwaite", "kenward-roger", "none"], contrast: ["baseline", "none"], adjust: ["none", "bonferroni", "holm", "sidak"], level: "number", tester: "object", fixedLevels: "object" });
  const { model, design } = fit;
  const v = factorVariable(design, column);
  const numeric = v ? null : numericVariable(design, model, column);
  if (!v && !numeric) throw new ReferenceFactorError(column, design);
  const otherFactors: Record<string, readonly string[]> = {};
  for (const other of design.terms.fixed.variables) {
    if (other !== v && design.levels[other.column]) otherFactors[other.label] = design.levels[other.column];
  }
  return estimatedMarginalMeans(model, {
    ...options,
    factor: v ? v.label : (numeric as { label: string }).label,
    levels: v ? design.levels[v.column] : (numeric as { at: number[] }).at.map(String),
    at: numeric?.at,
    otherFactors,
  });
}
