import { normalCdf, normalQuantile } from "@biomarker/numerics";
import { BootstrapInputError } from "../errors.js";
import type { BootstrapDistribution } from "../resample/bootstrap.js";
import { jackknifeTInterval } from "./jackknifeT.js";
import { orderStatisticQuantile, weightedQuantile, type BootstrapQuantile } from "./quantiles.js";
import { scaleMap, type IntervalScale } from "./scale.js";
import { studentizedEndpoints, studentizedPivots } from "./studentized.js";

export type Interval = [lower: number, upper: number];

/**
 * Why an interval should not be read at face value:
 * - "extreme-endpoint": an endpoint is the smallest or largest bootstrap value (the level lies beyond
 *   the resolved tail; boot warns "extreme order statistics used as endpoints");
 * - "atom-at-endpoint": an endpoint value carries at least the tail probability (1 - conf) / 2 by itself,
 *   so coverage is set by a tie in the discrete distribution, not by tail area;
 * - "zero-width": lower = upper;
 * - "many-undefined": the undefined resamples carry more probability than one tail, (1 - conf) / 2, so
 *   excluding them could move either endpoint past the nominal level;
 * - "bca-breakdown": 1 - a (z0 + z_alpha) <= 0 for a level, where the BCa map stops being monotone;
 * - "outside-range": an endpoint lies outside the parameter's range (e.g. a correlation beyond +-1 on the
 *   identity scale): the interval is not clipped, it is flagged.
 */
export type IntervalFlag = "extreme-endpoint" | "atom-at-endpoint" | "zero-width" | "many-undefined" | "bca-breakdown" | "outside-range";

/** The interval types, in the order of docs/bootstrap-coverage.md. */
export const INTERVAL_METHODS = ["percentile", "basic", "normal", "bca", "studentized", "jackknifeT"] as const;
export type IntervalMethod = (typeof INTERVAL_METHODS)[number];

export interface SummaryOptions {
  /**
   * Scale of the normal, basic, studentized and jackknife-t intervals (default "identity"); "fisher-z"
   * for correlations builds them on atanh(r) and maps back with tanh, inside [-1, 1]. The studentized
   * interval needs per-resample SEs on the same scale (bootstrap option `studentized`).
   */
  scale?: IntervalScale;
  /** The parameter's range: endpoints outside it are flagged "outside-range" (default [-1, 1] with fisher-z, else none). */
  range?: Interval;
}

export interface IntervalReport {
  interval: Interval | null;
  /** Why the interval is null (undefined estimate, infinite bias correction, ...). */
  reason: string | null;
  flags: IntervalFlag[];
  /** True when the interval exists and carries no flag. */
  reliable: boolean;
}

export interface JackknifeReport {
  /** Leave-one-unit-out estimates (null where undefined), in unit order. */
  values: (number | null)[];
  /** Influence of unit i: its leave-out estimate minus the full-data estimate. */
  influence: (number | null)[];
  /** sqrt((n - 1) / n * sum_i (theta_(-i) - theta_(.))^2); null when any leave-out value is undefined. */
  stdError: number | null;
}

export interface BootstrapSummary {
  statistic: string;
  estimate: number | null;
  /** Resamples evaluated (distinct resamples when exact). */
  replicates: number;
  exact: boolean;
  conf: number;
  /** Mean of the defined bootstrap values (weighted when exact). */
  mean: number | null;
  /** Bootstrap standard error: sd with denominator R - 1 (boot); the ideal SE (denominator 1) when exact. */
  stdError: number | null;
  /** mean - estimate. */
  bias: number | null;
  /** The scale of the normal, basic, studentized and jackknife-t intervals. */
  scale: IntervalScale;
  intervals: Record<IntervalMethod, Interval | null>;
  reliability: Record<IntervalMethod, IntervalReport>;
  /** Resamples on which the statistic is undefined; excluded, the remaining weights renormalised. */
  undefinedResamples: number;
  /** Their probability (their share of replicates under Monte Carlo). */
  undefinedProbability: number;
  /** BCa bias correction z0 = Phi^{-1}(P*(t* < estimate)) and jackknife acceleration a. */
  biasCorrection: number | null;
  acceleration: number | null;
  jackknife: JackknifeReport;
}

const none = (reason: string): IntervalReport => ({ interval: null, reason, flags: [], reliable: false });

/**
 * Summarises output `index` of a bootstrap distribution with R boot's conventions (boot.ci types perc,
 * basic, norm, bca; Davison & Hinkley 1997, sec. 5.2-5.3). Resamples where the statistic is undefined
 * are excluded and the remaining weights renormalised (boot likewise drops non-finite replicates).
 */
export function summarizeBootstrap(distribution: BootstrapDistribution, index = 0, conf = 0.95, options: SummaryOptions = {}): BootstrapSummary {
  if (!(conf > 0 && conf < 1)) throw new BootstrapInputError(`conf must lie strictly between 0 and 1, got ${conf}`);
  for (const key of Object.keys(options)) if (key !== "scale" && key !== "range") throw new BootstrapInputError(`unknown summary option '${key}'`);
  const scale = options.scale ?? "identity";
  if (scale !== "identity" && scale !== "fisher-z") throw new BootstrapInputError(`scale must be "identity" or "fisher-z", got ${String(scale)}`);
  const map = scaleMap(scale, options.range);
  if (!(index >= 0 && index < distribution.names.length)) {
    throw new BootstrapInputError(`statistic index ${index} out of range 0..${distribution.names.length - 1}`);
  }
  const { replicates: R, exact, unitCount: n } = distribution;
  const t0 = distribution.estimates[index];
  const column = distribution.values.subarray(index * R, (index + 1) * R);

  // Defined values sorted increasingly, with their renormalised weights.
  let undefinedResamples = 0;
  let undefinedProbability = 0;
  for (let r = 0; r < R; r++) {
    if (Number.isNaN(column[r])) {
      undefinedResamples++;
      undefinedProbability += distribution.weights[r];
    }
  }
  const D = R - undefinedResamples;
  const sorted = new Float64Array(D);
  const weights = new Float64Array(D);
  if (exact) {
    const order: number[] = [];
    for (let r = 0; r < R; r++) if (!Number.isNaN(column[r])) order.push(r);
    order.sort((a, b) => column[a] - column[b] || a - b);
    let totalWeight = 0;
    for (let k = 0; k < D; k++) totalWeight += distribution.weights[order[k]];
    for (let k = 0; k < D; k++) {
      sorted[k] = column[order[k]];
      weights[k] = distribution.weights[order[k]] / totalWeight;
    }
  } else {
    // Monte Carlo replicates are equally weighted: a numeric sort of the values suffices.
    let k = 0;
    for (let r = 0; r < R; r++) if (!Number.isNaN(column[r])) sorted[k++] = column[r];
    sorted.sort();
    weights.fill(1 / D);
  }

  const jackknife = jackknifeReport(distribution, index, t0);
  const base = {
    statistic: distribution.names[index],
    replicates: R,
    exact,
    conf,
    undefinedResamples,
    undefinedProbability,
    jackknife,
    scale,
  };
  const reason = Number.isNaN(t0)
    ? "the statistic is undefined on the original data"
    : D < 2
      ? "fewer than two resamples define the statistic"
      : null;
  if (reason !== null) {
    return {
      ...base,
      estimate: Number.isNaN(t0) ? null : t0,
      mean: null,
      stdError: null,
      bias: null,
      intervals: { percentile: null, basic: null, normal: null, bca: null, studentized: null, jackknifeT: null },
      reliability: {
        percentile: none(reason),
        basic: none(reason),
        normal: none(reason),
        bca: none(reason),
        studentized: none(reason),
        jackknifeT: none(reason),
      },
      biasCorrection: null,
      acceleration: null,
    };
  }

  let mean = 0;
  for (let k = 0; k < D; k++) mean += weights[k] * sorted[k];
  let sumSquares = 0;
  for (let k = 0; k < D; k++) sumSquares += weights[k] * (sorted[k] - mean) ** 2;
  // Monte Carlo: boot's var(t), denominator R - 1; exact: the ideal bootstrap variance.
  const variance = exact ? sumSquares : (sumSquares * D) / (D - 1);
  const stdError = Math.sqrt(variance);
  const bias = mean - t0;

  const quantile = (alpha: number): BootstrapQuantile =>
    exact ? weightedQuantile(sorted, weights, alpha) : orderStatisticQuantile(sorted, alpha);
  const tail = (1 - conf) / 2;
  const atomMass = (value: number): number => {
    let mass = 0;
    for (let k = 0; k < D; k++) if (sorted[k] === value) mass += weights[k];
    return mass;
  };
  const assess = (lower: BootstrapQuantile, upper: BootstrapQuantile, interval: Interval, extra: IntervalFlag[] = []): IntervalReport => {
    const flags: IntervalFlag[] = [];
    if (lower.extreme || upper.extreme) flags.push("extreme-endpoint");
    if (atomMass(lower.value) >= tail - 1e-12 || atomMass(upper.value) >= tail - 1e-12) flags.push("atom-at-endpoint");
    if (interval[0] === interval[1]) flags.push("zero-width");
    if (undefinedProbability > tail) flags.push("many-undefined");
    flags.push(...extra, ...rangeFlag(interval));
    return { interval, reason: null, flags, reliable: flags.length === 0 };
  };
  const rangeFlag = (interval: Interval): IntervalFlag[] =>
    interval[0] < map.range[0] || interval[1] > map.range[1] ? ["outside-range"] : [];
  // Built on the interval scale u = g(t) and mapped back with g^{-1}.
  const back = (u: Interval): Interval => [map.inverse(u[0]), map.inverse(u[1])];
  const u0 = map.forward(t0);
  const scaleReason = Number.isFinite(u0) ? null : `the estimate ${t0} is at the boundary of the range: its ${scale} value is infinite`;

  // Percentile (Efron): [G^{-1}(tail), G^{-1}(1 - tail)].
  const qLow = quantile(tail);
  const qHigh = quantile(1 - tail);
  const percentile = assess(qLow, qHigh, [qLow.value, qHigh.value]);
  // Basic (Davison & Hinkley eq. 5.6): [2 u0 - G_u^{-1}(1 - tail), 2 u0 - G_u^{-1}(tail)], u = g(t).
  const basic =
    scaleReason !== null
      ? none(scaleReason)
      : assess(qLow, qHigh, back([2 * u0 - map.forward(qHigh.value), 2 * u0 - map.forward(qLow.value)]));
  // Normal (boot's norm.ci): u0 - bias_u -/+ z_{1 - tail} se_u, with the bias and SE of u* = g(t*).
  let normal: IntervalReport;
  {
    let meanU = 0;
    for (let k = 0; k < D; k++) meanU += weights[k] * map.forward(sorted[k]);
    let squaresU = 0;
    for (let k = 0; k < D; k++) squaresU += weights[k] * (map.forward(sorted[k]) - meanU) ** 2;
    const seU = Math.sqrt(exact ? squaresU : (squaresU * D) / (D - 1));
    const marginU = normalQuantile(1 - tail) * seU;
    const centre = u0 - (meanU - u0);
    if (scaleReason !== null) normal = none(scaleReason);
    else if (!Number.isFinite(marginU) || !Number.isFinite(centre)) normal = none(`a resample value is at the boundary of the range: its ${scale} value is infinite`);
    else {
      const interval = back([centre - marginU, centre + marginU]);
      const flags: IntervalFlag[] = [...(undefinedProbability > tail ? (["many-undefined"] as const) : []), ...rangeFlag(interval)];
      normal = { interval, reason: null, flags, reliable: flags.length === 0 };
    }
  }

  // Studentized (bootstrap-t) on the interval scale, when the per-resample SEs were computed.
  let studentized: IntervalReport;
  const errors = distribution.stdErrors;
  if (errors === null) studentized = none("no per-resample standard errors: bootstrap with the option studentized");
  else if (errors.scale !== scale) studentized = none(`the per-resample standard errors are on the ${errors.scale} scale, the interval on the ${scale} scale`);
  else if (scaleReason !== null) studentized = none(scaleReason);
  else if (!Number.isFinite(errors.estimates[index])) studentized = none("the standard error of the estimate is undefined");
  else {
    const u = Float64Array.from(column, (t) => map.forward(t));
    const pivots = studentizedPivots(u, errors.values.subarray(index * R, (index + 1) * R), distribution.weights, u0, exact);
    if (pivots.sorted.length < 2) studentized = none("fewer than two resamples define the studentized statistic");
    else {
      const zQuantile = (alpha: number): BootstrapQuantile =>
        exact ? weightedQuantile(pivots.sorted, pivots.weights, alpha) : orderStatisticQuantile(pivots.sorted, alpha);
      const zLow = zQuantile(tail);
      const zHigh = zQuantile(1 - tail);
      const interval = back(studentizedEndpoints(u0, errors.estimates[index], zLow, zHigh));
      const flags: IntervalFlag[] = [];
      if (zLow.extreme || zHigh.extreme) flags.push("extreme-endpoint");
      if (interval[0] === interval[1]) flags.push("zero-width");
      if (pivots.undefinedProbability > tail) flags.push("many-undefined");
      flags.push(...rangeFlag(interval));
      studentized = { interval, reason: null, flags, reliable: flags.length === 0 };
    }
  }

  // Jackknife-t: u0 -/+ t_{n-1} se_J from the leave-one-unit-out values (no resampling).
  let jackknifeT: IntervalReport;
  const jt = scaleReason !== null ? null : jackknifeTInterval(u0, Float64Array.from(distribution.jackknife.subarray(index * n, (index + 1) * n), map.forward), tail);
  if (jt === null) jackknifeT = none(scaleReason ?? `a leave-one-unit-out estimate is undefined or its ${scale} value infinite`);
  else {
    const interval = back(jt.interval);
    const flags: IntervalFlag[] = [...(interval[0] === interval[1] ? (["zero-width"] as const) : []), ...rangeFlag(interval)];
    jackknifeT = { interval, reason: null, flags, reliable: flags.length === 0 };
  }

  // BCa (Efron 1987; boot's bca.ci): z0 = Phi^{-1}(P*(t* < t0)), strictly below; a from the jackknife.
  let below = 0;
  for (let k = 0; k < D; k++) if (sorted[k] < t0) below += exact ? weights[k] : 1;
  if (!exact) below /= D; // boot: sum(t < t0) / length(t)
  const z0 = normalQuantile(below);
  const acceleration = jackknifeAcceleration(distribution, index);
  let bca: IntervalReport;
  if (!Number.isFinite(z0)) {
    bca = none(`the bias correction z0 is infinite: ${below === 0 ? "no" : "every"} resample lies strictly below the estimate`);
  } else if (acceleration === null) {
    bca = none("the jackknife acceleration is undefined (a leave-one-out estimate is undefined or all are equal)");
  } else {
    // Adjusted levels Phi(z0 + (z0 + z_alpha) / (1 - a (z0 + z_alpha))) (Efron & Tibshirani 1993, eq. 14.10).
    const breakdown: IntervalFlag[] = [];
    const adjusted = (alpha: number): number => {
      const w = z0 + normalQuantile(alpha);
      const denominator = 1 - acceleration * w;
      if (denominator <= 0 && !breakdown.length) breakdown.push("bca-breakdown");
      return normalCdf(z0 + w / denominator);
    };
    const bLow = quantile(adjusted(tail));
    const bHigh = quantile(adjusted(1 - tail));
    bca = assess(bLow, bHigh, [bLow.value, bHigh.value], breakdown);
  }

  return {
    ...base,
    estimate: t0,
    mean,
    stdError,
    bias,
    intervals: {
      percentile: percentile.interval,
      basic: basic.interval,
      normal: normal.interval,
      bca: bca.interval,
      studentized: studentized.interval,
      jackknifeT: jackknifeT.interval,
    },
    reliability: { percentile, basic, normal, bca, studentized, jackknifeT },
    biasCorrection: Number.isFinite(z0) ? z0 : null,
    acceleration,
  };
}

/**
 * Acceleration from the jackknife (Efron & Tibshirani 1993, eq. 14.15): with theta_(.) the mean of the
 * leave-one-unit-out estimates theta_(i), a = sum (theta_(.) - theta_(i))^3 / (6 [sum (theta_(.) - theta_(i))^2]^{3/2}).
 * For a cluster bootstrap the unit is the subject. R boot's bca.ci estimates the empirical influence by
 * regression on the resampling frequencies instead (empinf type "reg"); pass L = empinf(type = "jack")
 * to boot.ci to get this acceleration in R.
 */
export function jackknifeAcceleration(distribution: BootstrapDistribution, index: number): number | null {
  const n = distribution.unitCount;
  const values = distribution.jackknife.subarray(index * n, (index + 1) * n);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(values[i])) return null;
    mean += values[i] / n;
  }
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < n; i++) {
    const d = mean - values[i];
    s2 += d * d;
    s3 += d * d * d;
  }
  if (!(s2 > 0)) return null;
  return s3 / (6 * s2 ** 1.5);
}

function jackknifeReport(distribution: BootstrapDistribution, index: number, t0: number): JackknifeReport {
  const n = distribution.unitCount;
  const values = distribution.jackknife.subarray(index * n, (index + 1) * n);
  const defined = values.every((v) => !Number.isNaN(v));
  let stdError: number | null = null;
  if (defined) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += values[i] / n;
    let s = 0;
    for (let i = 0; i < n; i++) s += (values[i] - mean) ** 2;
    stdError = Math.sqrt(((n - 1) / n) * s);
  }
  return {
    values: Array.from(values, (v) => (Number.isNaN(v) ? null : v)),
    influence: Array.from(values, (v) => (Number.isNaN(v) || Number.isNaN(t0) ? null : v - t0)),
    stdError,
  };
}
