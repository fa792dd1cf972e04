import { chiSquareQuantile } from "@biomarker/numerics";
import { LmmInputError } from "../errors.js";
import { maximizeLikelihood } from "./fitCore.js";
import { type CensoredBase, designColumn, modelDataFor } from "./modelData.js";
import type { NonEstimableColumn } from "./estimability.js";

/** What profiles need from a fit: the design, which columns were estimable, and the optimum. */
export interface CensoredProfileModel {
  readonly base: CensoredBase;
  readonly nonEstimable: readonly NonEstimableColumn[];
  /** Design columns of the fitted (estimable) model, in order. */
  readonly estimable: readonly number[];
  /** Optimum of the estimable model: [beta (estimable columns), log sigma, L]. */
  readonly theta: Float64Array;
  /** Supremum of the log-likelihood (the estimable model's maximum). */
  readonly logLik: number;
  /** Row-major covariance of theta (inverse observed information); null when singular. */
  readonly covariance: Float64Array | null;
  readonly nAGQ: number;
}

/** A profile-likelihood interval of an estimable contrast, or a one-sided bound of a non-estimable one. */
export type ContrastProfile =
  | { kind: "interval"; estimate: number; stdError: number; lower: number; upper: number; level: number }
  | { kind: "bound"; side: "upper" | "lower"; value: number; level: number };

/**
 * Profile likelihood of a contrast L'beta (L over all design columns). An estimable contrast (zero on every
 * non-estimable column) gets the two-sided interval {t: 2 (l^ - l_p(t)) <= qchisq(level, 1)}. A contrast
 * that loads on non-estimable columns, all pushing it the same way, has its supremum at -infinity
 * ("upper": only an upper bound) or +infinity ("lower"); its one-sided level bound is the t with
 * 2 (l_sup - l_p(t)) = qchisq(2 level - 1, 1) (level 0.95: qchisq(0.90, 1) = 2.7055). The profile l_p(t)
 * refits every other parameter with L'beta = t: with pivot m (largest |L_m|),
 * beta_m = (t - sum_{k != m} L_k beta_k) / L_m, i.e. columns x_k - (L_k / L_m) x_m and offset x_m t / L_m.
 */
export function contrastProfile(model: CensoredProfileModel, contrast: ArrayLike<number>, level = 0.95): ContrastProfile {
  const { base, nonEstimable, estimable } = model;
  const p = base.design.p;
  if (contrast.length !== p) throw new LmmInputError(`a contrast needs ${p} coefficients (one per fixed effect), got ${contrast.length}`);
  if (!(level > 0.5 && level < 1)) throw new LmmInputError(`level must be in (0.5, 1), got ${level}`);
  const involved = nonEstimable.filter((c) => contrast[c.column] !== 0);
  if (estimable.every((k) => contrast[k] === 0) && involved.length === 0) throw new LmmInputError("the contrast is zero");
  // Direction of the contrast at the supremum: -1 when it runs to -infinity.
  const directions = new Set(involved.map((c) => (c.side === "upper" ? 1 : -1) * Math.sign(contrast[c.column])));
  if (directions.size > 1) {
    throw new LmmInputError("the contrast combines non-estimable coefficients that run off in opposite directions: the data bound it on neither side");
  }
  const dropped = new Set(nonEstimable.filter((c) => contrast[c.column] === 0).flatMap((c) => c.rows));
  const rows = Array.from({ length: base.design.n }, (_, j) => j).filter((j) => !dropped.has(j));
  const columns = [...estimable, ...involved.map((c) => c.column)].sort((a, b) => a - b);
  const pivot = (involved.length > 0 ? involved.map((c) => c.column) : columns).reduce((m, k) => (Math.abs(contrast[k]) > Math.abs(contrast[m]) ? k : m));
  const free = columns.filter((k) => k !== pivot);
  const xm = designColumn(base.design, pivot);
  const reduced = free.map((k) => {
    const ratio = contrast[k] / contrast[pivot];
    const xk = designColumn(base.design, k);
    return ratio === 0 ? xk : xk.map((v, j) => v - ratio * xm[j]);
  });
  const pe = estimable.length;
  const rest = model.theta.subarray(pe);
  const betaHat = new Map(estimable.map((k, i) => [k, model.theta[i]]));
  let warm: Float64Array = Float64Array.from([...free.map((k) => betaHat.get(k) ?? 0), ...rest]);
  const profile = (t: number) => {
    const offset = xm.map((v) => (v * t) / contrast[pivot]);
    const fit = maximizeLikelihood(modelDataFor(base, rows, reduced, offset), warm, model.nAGQ);
    warm = fit.theta;
    return fit.logLik;
  };

  if (involved.length === 0) {
    const estimate = estimable.reduce((s, k, i) => s + contrast[k] * model.theta[i], 0);
    const stdError = contrastStdError(model, contrast);
    const critical = chiSquareQuantile(level, 1);
    const drop = (t: number) => 2 * (model.logLik - profile(t)) - critical;
    const step = Number.isFinite(stdError) && stdError > 0 ? stdError : 1;
    const start = warm.slice();
    const lower = findCrossing(drop, estimate, -step);
    warm = start;
    const upper = findCrossing(drop, estimate, step);
    return { kind: "interval", estimate, stdError, lower, upper, level };
  }
  const side = [...directions][0] === 1 ? "upper" : "lower";
  const critical = chiSquareQuantile(2 * level - 1, 1);
  const drop = (t: number) => 2 * (model.logLik - profile(t)) - critical;
  // Start where the involved cells' means reach their limits (the edge of what the data say), then walk
  // towards the supremum until the drop falls below the critical value.
  const sigma = Math.exp(rest[0]);
  const t0 = cellEdge(model, contrast, involved);
  const value = findCrossing(drop, t0, side === "upper" ? -sigma : sigma, true);
  return { kind: "bound", side, value, level };
}

/** sqrt(L' V L) over the estimable columns. */
function contrastStdError(model: CensoredProfileModel, contrast: ArrayLike<number>): number {
  const { covariance, estimable, theta } = model;
  if (!covariance) return NaN;
  const m = theta.length;
  let v = 0;
  estimable.forEach((k, i) => estimable.forEach((l, j) => (v += contrast[k] * contrast[l] * covariance[i * m + j])));
  return Math.sqrt(v);
}

/** L'beta with each involved coefficient set so that its cell's mean equals the cell's mean limit. */
function cellEdge(model: CensoredProfileModel, contrast: ArrayLike<number>, involved: readonly NonEstimableColumn[]): number {
  const { base, estimable, theta } = model;
  const { design } = base;
  let value = estimable.reduce((s, k, i) => s + contrast[k] * theta[i], 0);
  for (const cell of involved) {
    let sum = 0;
    for (const j of cell.rows) {
      let others = 0;
      estimable.forEach((k, i) => (others += design.x[j + k * design.n] * theta[i]));
      sum += (design.y[j] - others) / design.x[j + cell.column * design.n];
    }
    value += contrast[cell.column] * (sum / cell.rows.length);
  }
  return value;
}

/**
 * The t where f changes sign, walking from t0 in steps of `step` (doubling) until the sign differs from
 * f's sign on the near side, then Illinois regula falsi until |f| < 1e-9. For an interval f(t0) < 0
 * (the estimate) and the crossing lies in the step's direction; for a bound the walk may first have to go
 * the other way (oneSided: f decreasing in the step's direction).
 */
function findCrossing(f: (t: number) => number, t0: number, step: number, oneSided = false): number {
  let a = t0;
  let fa = f(a);
  let direction = step;
  if (oneSided && fa < 0) direction = -step; // already past the crossing: walk back towards the data
  let b = a;
  let fb = fa;
  for (let k = 0; k < 60; k++) {
    b = a + direction;
    fb = f(b);
    if (Math.sign(fb) !== Math.sign(fa)) break;
    a = b;
    fa = fb;
    direction *= 1.6;
    if (k === 59) throw new LmmInputError("the profile likelihood did not cross its critical value within 60 steps");
  }
  let side = 0;
  for (let k = 0; k < 100; k++) {
    const c = (a * fb - b * fa) / (fb - fa);
    const fc = f(c);
    if (Math.abs(fc) < 1e-9 || Math.abs(b - a) < 1e-9 * Math.max(1, Math.abs(c))) return c;
    if (Math.sign(fc) === Math.sign(fb)) {
      b = c;
      fb = fc;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      a = c;
      fa = fc;
      if (side === 1) fb /= 2;
      side = 1;
    }
  }
  return (a + b) / 2;
}
