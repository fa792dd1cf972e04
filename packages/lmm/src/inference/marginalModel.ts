import type { LmmModel } from "../fit/model.js";
import { choleskyLower, crossprod, inverseSpd, multiply } from "./dense.js";

/**
 * The marginal model of a fit, y ~ N(X beta, V) with (Bates et al. 2015, sec. 3)
 *
 *   V(theta, sigma) = sigma^2 (Z Lambda(theta) Lambda(theta)' Z' + I_n),
 *
 * written densely. Inference formulas (Satterthwaite, Kenward-Roger, profiles) need V^{-1}, the GLS
 * covariance C = (X' V^{-1} X)^{-1} and the REML projection P = V^{-1} - V^{-1} X C X' V^{-1}; n is at
 * most a few hundred in this toolkit's use, so n x n matrices are cheap and keep every formula explicit.
 */

/** The parts of a fitted model inference reads: designs, random-effect structure and estimates. */
export type InferenceModel = Pick<LmmModel, "reml" | "n" | "p" | "q" | "x" | "y" | "terms" | "theta" | "beta" | "sigma" | "fixedNames">;

/** Dense n x q Z: column zOffset + level * p_i + k of term i holds covariate k on that level's rows. */
export function denseZ(model: InferenceModel): Float64Array {
  const { n, q } = model;
  const z = new Float64Array(n * q);
  for (const term of model.terms) {
    const pi = term.columnNames.length;
    for (let obs = 0; obs < n; obs++) {
      const col0 = term.zOffset + term.levelOfObservation[obs] * pi;
      for (let k = 0; k < pi; k++) z[obs + n * (col0 + k)] = term.covariates[obs + n * k];
    }
  }
  return z;
}

/** Lower-triangular T_i of each term from theta (column-major lower triangle, lme4's order). */
export function termFactor(theta: ArrayLike<number>, thetaOffset: number, pi: number): Float64Array {
  const t = new Float64Array(pi * pi);
  let k = thetaOffset;
  for (let j = 0; j < pi; j++) for (let i = j; i < pi; i++) t[i + pi * j] = theta[k++];
  return t;
}

/** Relative covariance of the random effects G = Lambda Lambda' (q x q): I_l (x) T_i T_i' per term. */
export function relativeCovariance(model: InferenceModel, theta: ArrayLike<number>): Float64Array {
  const q = model.q;
  const g = new Float64Array(q * q);
  for (const term of model.terms) {
    const pi = term.columnNames.length;
    const t = termFactor(theta, term.thetaOffset, pi);
    const block = new Float64Array(pi * pi);
    for (let r = 0; r < pi; r++) for (let c = 0; c < pi; c++) {
      let s = 0;
      for (let k = 0; k < pi; k++) s += t[r + pi * k] * t[c + pi * k];
      block[r + pi * c] = s;
    }
    addKroneckerIdentity(g, q, term.zOffset, term.levels.length, block, pi, 1);
  }
  return g;
}

/** g[offset.., offset..] += scale * (I_levels (x) block), block pi x pi. */
export function addKroneckerIdentity(
  g: Float64Array,
  q: number,
  offset: number,
  levels: number,
  block: Float64Array,
  pi: number,
  scale: number,
): void {
  for (let l = 0; l < levels; l++) {
    const o = offset + l * pi;
    for (let c = 0; c < pi; c++) for (let r = 0; r < pi; r++) g[o + r + q * (o + c)] += scale * block[r + pi * c];
  }
}

/** Everything evaluated once at (theta, sigma). */
export interface MarginalMoments {
  readonly n: number;
  readonly p: number;
  readonly q: number;
  readonly z: Float64Array;
  /** V^{-1}, n x n. */
  readonly vInverse: Float64Array;
  /** log |V|. */
  readonly logDetV: number;
  /** T = V^{-1} X, n x p. */
  readonly vInverseX: Float64Array;
  /** C = (X' V^{-1} X)^{-1} = vcov(beta), p x p. */
  readonly vcovBeta: Float64Array;
  /** log |X' V^{-1} X|. */
  readonly logDetXtVinvX: number;
  /** GLS estimate C X' V^{-1} y. */
  readonly beta: Float64Array;
  /** P = V^{-1} - T C T', n x n. */
  readonly projection: Float64Array;
  /** P y. */
  readonly projectedY: Float64Array;
  /** y' P y. */
  readonly yPy: number;
}

export class NotPositiveDefiniteError extends Error {
  constructor(what: string) {
    super(`${what} is not positive definite`);
    this.name = "NotPositiveDefiniteError";
  }
}

export function marginalMoments(model: InferenceModel, theta: ArrayLike<number>, sigma: number, z = denseZ(model)): MarginalMoments {
  const { n, p, q, x, y } = model;
  const g = relativeCovariance(model, theta);
  // V = sigma^2 (Z G Z' + I)
  const zg = multiply(z, g, n, q, q);
  const v = new Float64Array(n * n);
  const s2 = sigma * sigma;
  for (let j = 0; j < n; j++) {
    for (let i = j; i < n; i++) {
      let s = 0;
      for (let k = 0; k < q; k++) s += zg[i + n * k] * z[j + n * k];
      const value = s2 * (s + (i === j ? 1 : 0));
      v[i + n * j] = value;
      v[j + n * i] = value;
    }
  }
  const l = choleskyLower(v, n);
  if (!l) throw new NotPositiveDefiniteError("V");
  let logDetV = 0;
  for (let i = 0; i < n; i++) logDetV += 2 * Math.log(l[i + n * i]);
  const vInverse = inverseSpd(v, n) as Float64Array;
  const vInverseX = multiply(vInverse, x, n, n, p);
  const xtvx = crossprod(x, vInverseX, n, p, p);
  const lx = choleskyLower(xtvx, p);
  if (!lx) throw new NotPositiveDefiniteError("X' V^-1 X");
  let logDetXtVinvX = 0;
  for (let i = 0; i < p; i++) logDetXtVinvX += 2 * Math.log(lx[i + p * i]);
  const vcovBeta = inverseSpd(xtvx, p) as Float64Array;
  const xtvy = crossprod(vInverseX, y, n, p, 1);
  const beta = multiply(vcovBeta, xtvy, p, p, 1);
  // P = V^{-1} - T C T'
  const tc = multiply(vInverseX, vcovBeta, n, p, p);
  const projection = Float64Array.from(vInverse);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += tc[i + n * k] * vInverseX[j + n * k];
      projection[i + n * j] -= s;
    }
  }
  const projectedY = multiply(projection, y, n, n, 1);
  let yPy = 0;
  for (let i = 0; i < n; i++) yPy += y[i] * projectedY[i];
  return { n, p, q, z, vInverse, logDetV, vInverseX, vcovBeta, logDetXtVinvX, beta, projection, projectedY, yPy };
}

/**
 * -2 log-likelihood in (theta, sigma) with beta at its GLS value, as lmerTest's devfun_vp evaluates it:
 *   ML:   log|V| + y'Py + n log(2 pi)
 *   REML: log|V| + log|X'V^{-1}X| + y'Py + (n - p) log(2 pi)
 * (y'Py = min over beta of (y - X beta)' V^{-1} (y - X beta); Harville 1977, eq. 2.6 for REML).
 */
export function devianceFromMoments(m: MarginalMoments, reml: boolean): number {
  const base = m.logDetV + m.yPy;
  return reml ? base + m.logDetXtVinvX + (m.n - m.p) * Math.log(2 * Math.PI) : base + m.n * Math.log(2 * Math.PI);
}
