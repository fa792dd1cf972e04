import { termFactor } from "../design/thetaLayout.js";
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

/** A fit (LmmFit: `{ model, design, ... }`) or its model; every inference entry point accepts either. */
export type FitOrModel<M extends InferenceModel = InferenceModel> = M | { readonly model: M };

export function modelOf<M extends InferenceModel>(x: FitOrModel<M>): M {
  return "model" in x ? x.model : x;
}

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

/** Everything evaluated once at (theta, sigma). V is block diagonal over groups of observations that share
 *  no random-effect level (one block per subject for a single grouping factor; one block for crossed
 *  factors), so V^{-1} is kept block by block and P = V^{-1} - T C T' is applied implicitly. */
export interface MarginalMoments {
  readonly n: number;
  readonly p: number;
  readonly q: number;
  readonly z: Float64Array;
  /** Diagonal blocks of V^{-1}: observation indices and the dense inverse of that block. */
  readonly blocks: readonly { readonly rows: Int32Array; readonly inverse: Float64Array }[];
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
  /** P y. */
  readonly projectedY: Float64Array;
  /** y' P y. */
  readonly yPy: number;
  /** tr V^{-1} and tr V^{-2}. */
  readonly traceVInverse: number;
  readonly traceVInverse2: number;
}

export class NotPositiveDefiniteError extends Error {
  constructor(what: string) {
    super(`${what} is not positive definite`);
    this.name = "NotPositiveDefiniteError";
  }
}

/** Groups of observations connected through shared random-effect levels (union-find): V's diagonal blocks. */
export function observationBlocks(model: InferenceModel): Int32Array[] {
  const parent = Int32Array.from({ length: model.n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  for (const term of model.terms) {
    const first = new Int32Array(term.levels.length).fill(-1);
    for (let i = 0; i < model.n; i++) {
      const l = term.levelOfObservation[i];
      if (first[l] < 0) first[l] = i;
      else parent[find(i)] = find(first[l]);
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < model.n; i++) {
    const root = find(i);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = []));
    g.push(i);
  }
  return [...groups.values()].map((g) => Int32Array.from(g));
}

/** V^{-1} M for an n x k matrix M (block by block). */
export function applyVInverse(m: MarginalMoments, x: Float64Array, k: number): Float64Array {
  const n = m.n;
  const out = new Float64Array(n * k);
  for (const { rows, inverse } of m.blocks) {
    const nb = rows.length;
    for (let c = 0; c < k; c++) {
      const o = c * n;
      for (let i = 0; i < nb; i++) {
        let s = 0;
        for (let j = 0; j < nb; j++) s += inverse[i + nb * j] * x[o + rows[j]];
        out[o + rows[i]] = s;
      }
    }
  }
  return out;
}

/** P M = V^{-1} M - T C T' M. */
export function applyProjection(m: MarginalMoments, x: Float64Array, k: number): Float64Array {
  const { n, p } = m;
  const out = applyVInverse(m, x, k);
  const ttx = crossprod(m.vInverseX, x, n, p, k);
  const cttx = multiply(m.vcovBeta, ttx, p, p, k);
  const t = multiply(m.vInverseX, cttx, n, p, k);
  for (let e = 0; e < n * k; e++) out[e] -= t[e];
  return out;
}

export function marginalMoments(model: InferenceModel, theta: ArrayLike<number>, sigma: number, z = denseZ(model)): MarginalMoments {
  const { n, p, q, x, y } = model;
  const g = relativeCovariance(model, theta);
  const zg = multiply(z, g, n, q, q);
  const s2 = sigma * sigma;
  let logDetV = 0;
  let traceVInverse = 0;
  let traceVInverse2 = 0;
  const blocks = observationBlocks(model).map((rows) => {
    // V_b = sigma^2 (Z_b G Z_b' + I)
    const nb = rows.length;
    const v = new Float64Array(nb * nb);
    for (let j = 0; j < nb; j++) {
      for (let i = j; i < nb; i++) {
        let s = 0;
        for (let k = 0; k < q; k++) s += zg[rows[i] + n * k] * z[rows[j] + n * k];
        const value = s2 * (s + (i === j ? 1 : 0));
        v[i + nb * j] = value;
        v[j + nb * i] = value;
      }
    }
    const l = choleskyLower(v, nb);
    if (!l) throw new NotPositiveDefiniteError("V");
    for (let i = 0; i < nb; i++) logDetV += 2 * Math.log(l[i + nb * i]);
    const inverse = inverseSpd(v, nb) as Float64Array;
    for (let i = 0; i < nb; i++) traceVInverse += inverse[i * (nb + 1)];
    for (let e = 0; e < nb * nb; e++) traceVInverse2 += inverse[e] * inverse[e];
    return { rows, inverse };
  });
  const partial = { n, p, q, z, blocks } as unknown as MarginalMoments;
  const vInverseX = applyVInverse(partial, x, p);
  const xtvx = crossprod(x, vInverseX, n, p, p);
  const lx = choleskyLower(xtvx, p);
  if (!lx) throw new NotPositiveDefiniteError("X' V^-1 X");
  let logDetXtVinvX = 0;
  for (let i = 0; i < p; i++) logDetXtVinvX += 2 * Math.log(lx[i + p * i]);
  const vcovBeta = inverseSpd(xtvx, p) as Float64Array;
  const xtvy = crossprod(vInverseX, y, n, p, 1);
  const beta = multiply(vcovBeta, xtvy, p, p, 1);
  const moments = { n, p, q, z, blocks, logDetV, vInverseX, vcovBeta, logDetXtVinvX, beta, traceVInverse, traceVInverse2, projectedY: new Float64Array(0), yPy: 0 };
  const projectedY = applyProjection(moments, Float64Array.from(y), 1);
  let yPy = 0;
  for (let i = 0; i < n; i++) yPy += y[i] * projectedY[i];
  return { ...moments, projectedY, yPy };
}
