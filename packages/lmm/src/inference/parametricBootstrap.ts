import { checkOptions, createRandomStream, deriveSeed, normalQuantile } from "@biomarker/numerics";
import { isSingularTheta, termFactor } from "../design/thetaLayout.js";
import { type FitOrModel, type InferenceModel, denseZ, modelOf } from "./marginalModel.js";
import { profiledRefit } from "./profiledRefit.js";
import { varianceParameters } from "./varianceParameters.js";

/** Refit of the same design to a new response (LmmModel.refit). */
export type Refit = (y: Float64Array) => InferenceModel;

export interface BootstrapOptions {
  readonly nsim: number;
  readonly seed: number;
  /** Confidence level; default 0.95. */
  readonly level?: number;
  /** Refit function; default profiledRefit(model) (pure, so shards on any worker agree to the bit). */
  readonly refit?: Refit;
  /** Run only replicates [from, to) (one shard of a parallel run); default all. */
  readonly range?: readonly [number, number];
}

export interface BootstrapInterval {
  /** lme4's confint(oldNames = FALSE) names: "sd_(Intercept)|Subject", "cor_Days.(Intercept)|Subject", "sigma", fixed effects. */
  readonly parameter: string;
  readonly estimate: number;
  readonly lower: number | null;
  readonly upper: number | null;
  /** Standard deviation of the bootstrap replicates. */
  readonly bootstrapSE: number | null;
}

export interface BootstrapResult {
  readonly nsim: number;
  readonly seed: number;
  readonly level: number;
  readonly intervals: BootstrapInterval[];
  /** Replicates whose refit failed (excluded). */
  readonly failed: number;
  /** Replicates whose refit is singular (kept). */
  readonly singular: number;
  /** Parameter names and, per replicate (in replicate order), the statistics (null when the refit failed). */
  readonly parameterNames: string[];
  readonly replicates: (Float64Array | null)[];
}

/** Parameter names and values in lme4's confint order: random-effect SDs and correlations per term, sigma,
 *  then fixed effects. */
export function modelParameters(model: InferenceModel): { names: string[]; values: Float64Array } {
  const { names, values } = varianceParameters(model);
  names.push("sigma", ...model.fixedNames);
  values.push(model.sigma, ...model.beta);
  return { names, values: Float64Array.from(values) };
}

/**
 * One simulated response, as lme4's simulate(use.u = FALSE): y* = X beta + Z Lambda u* sigma + sigma e,
 * u* ~ N(0, I_q), e ~ N(0, I_n), from its own stream deriveSeed(seed, "lmm-bootstrap", replicate): every
 * replicate is the same whatever the order or the worker it runs on.
 */
export function simulateResponse(model: InferenceModel, z: Float64Array, seed: number, replicate: number): Float64Array {
  const { n, p, q, x, beta, sigma } = model;
  const stream = createRandomStream(deriveSeed(seed, "lmm-bootstrap", replicate));
  const u = new Float64Array(q);
  for (let k = 0; k < q; k++) u[k] = stream.nextNormal();
  // b = Lambda u, Lambda block diagonal with I (x) T per term.
  const b = new Float64Array(q);
  for (const term of model.terms) {
    const pi = term.columnNames.length;
    const t = termFactor(model.theta, term.thetaOffset, pi);
    for (let l = 0; l < term.levels.length; l++) {
      const o = term.zOffset + l * pi;
      for (let r = 0; r < pi; r++) {
        let s = 0;
        for (let c = 0; c <= r; c++) s += t[r + pi * c] * u[o + c];
        b[o + r] = s;
      }
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += x[i + n * j] * beta[j];
    for (let k = 0; k < q; k++) s += z[i + n * k] * b[k] * sigma;
    y[i] = s + sigma * stream.nextNormal();
  }
  return y;
}

/** boot's percentile end point (Davison & Hinkley 1997, eq. 5.8; boot:::norm.inter): the order statistic
 *  (R + 1) alpha, interpolated on the normal-quantile scale when it is not an integer. */
export function percentileEndpoint(sorted: Float64Array, alpha: number): number | null {
  const r = sorted.length;
  if (r === 0) return null;
  const rk = (r + 1) * alpha;
  const k = Math.trunc(rk);
  if (k === rk && k >= 1 && k <= r) return sorted[k - 1];
  if (k <= 0) return sorted[0];
  if (k >= r) return sorted[r - 1];
  const t1 = normalQuantile(alpha);
  const t2 = normalQuantile(k / (r + 1));
  const t3 = normalQuantile((k + 1) / (r + 1));
  return sorted[k - 1] + ((t1 - t2) / (t3 - t2)) * (sorted[k] - sorted[k - 1]);
}

/** The options parametricBootstrap accepts (parametricBootstrapParallel adds workers). */
export const bootstrapOptionSpec = { nsim: "integer", seed: "number", level: "number", refit: "function", range: "array" } as const;

/**
 * Parametric bootstrap like lme4's bootMer + confint(method = "boot", boot.type = "perc"): nsim responses
 * simulated from the fit, each refitted with the same design (starting from the fitted theta), percentile
 * intervals for the fixed effects, sigma and the random-effect SDs and correlations. Deterministic: the same
 * seed gives byte-identical output, and any split of the replicates (`range`) gives the same replicates.
 */
export function parametricBootstrap(fit: FitOrModel, options: BootstrapOptions): BootstrapResult {
  checkOptions("parametricBootstrap", options, bootstrapOptionSpec);
  const model = modelOf(fit);
  const refit = options.refit ?? profiledRefit(model);
  const z = denseZ(model);
  const [from, to] = options.range ?? [0, options.nsim];
  const replicates: (Float64Array | null)[] = [];
  let failed = 0;
  let singular = 0;
  for (let i = from; i < to; i++) {
    try {
      const fit = refit(simulateResponse(model, z, options.seed, i));
      const stats = modelParameters(fit).values;
      if (isSingularFit(fit)) singular++;
      replicates.push(stats);
    } catch {
      failed++;
      replicates.push(null);
    }
  }
  return summarizeReplicates(model, options, replicates, failed, singular);
}

/** Percentile intervals and bootstrap SEs from replicate statistics (in replicate order). */
export function summarizeReplicates(
  model: InferenceModel,
  options: Pick<BootstrapOptions, "nsim" | "seed" | "level">,
  replicates: (Float64Array | null)[],
  failed: number,
  singular: number,
): BootstrapResult {
  const level = options.level ?? 0.95;
  const { names, values } = modelParameters(model);
  const alpha = (1 - level) / 2;
  const intervals = names.map((parameter, k) => {
    const column = Float64Array.from(
      replicates.filter((r): r is Float64Array => r !== null && Number.isFinite(r[k])),
      (r) => r[k],
    ).sort();
    let mean = 0;
    for (const v of column) mean += v / column.length;
    let ss = 0;
    for (const v of column) ss += (v - mean) ** 2;
    return {
      parameter,
      estimate: values[k],
      lower: percentileEndpoint(column, alpha),
      upper: percentileEndpoint(column, 1 - alpha),
      bootstrapSE: column.length > 1 ? Math.sqrt(ss / (column.length - 1)) : null,
    };
  });
  return { nsim: replicates.length, seed: options.seed, level, intervals, failed, singular, parameterNames: names, replicates };
}

/** lme4's isSingular on a fitted model (see thetaLayout's isSingularTheta). */
export function isSingularFit(model: InferenceModel): boolean {
  return isSingularTheta(model.theta, model.terms);
}
