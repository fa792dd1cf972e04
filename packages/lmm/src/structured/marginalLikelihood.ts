import type { RandomTermStructure } from "../fit/model.js";
import { termFactor } from "../inference/marginalModel.js";
import { type CorrelationStructure, type VarianceStructure, naturalCorrelation } from "./residualStructure.js";

/**
 * The marginal (GLS) likelihood of a mixed model with a residual structure (Pinheiro & Bates 2000, sec. 5.1):
 *
 *   y_b ~ N(X_b beta, sigma^2 V*_b),   V*_b = Z_b Lambda Lambda' Z_b' + D_b C_b D_b,
 *
 * b the blocks of observations that share no random-effect level (subjects). With L_b L_b' = V*_b,
 * X~ = L^{-1} X and y~ = L^{-1} y, beta and sigma^2 are profiled out:
 *
 *   beta(psi) = (X~'X~)^{-1} X~'y~,  rss = |y~ - X~ beta|^2,
 *   -2 l_ML(psi, sigma)   = n log(2 pi sigma^2) + log|V*| + rss / sigma^2,                  sigma^2 = rss / n
 *   -2 l_REML(psi, sigma) = (n - p) log(2 pi sigma^2) + log|V*| + log|X~'X~| + rss / sigma^2, sigma^2 = rss / (n - p)
 *
 * (nlme's and lme4's REML constant). psi = (theta, u, log delta): lme4's relative covariance factors of the
 * random effects, the unconstrained correlation parameter and the log SD ratios of the non-reference strata.
 */
export interface StructuredData {
  readonly n: number;
  readonly p: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly terms: readonly RandomTermStructure[];
  readonly nTheta: number;
  readonly blocks: readonly Int32Array[];
  readonly correlation: CorrelationStructure | null;
  readonly variance: VarianceStructure | null;
}

export interface MarginalEvaluation {
  readonly logDetV: number;
  /** log |X~'X~| = log |X' V*^{-1} X|. */
  readonly logDetXtVX: number;
  readonly rss: number;
  readonly beta: Float64Array;
  /** (X' V*^{-1} X)^{-1}, p x p. */
  readonly xtvxInverse: Float64Array;
}

/** Number of structure parameters after theta. */
export function structureParameterCount(d: StructuredData): number {
  return (d.correlation ? 1 : 0) + (d.variance ? d.variance.strata.length - 1 : 0);
}

/** delta of every stratum (reference 1) from psi. */
export function stratumSds(d: StructuredData, psi: ArrayLike<number>): Float64Array {
  if (!d.variance) return new Float64Array(0);
  const k = d.variance.strata.length;
  const o = d.nTheta + (d.correlation ? 1 : 0);
  const delta = new Float64Array(k);
  delta[0] = 1;
  for (let s = 1; s < k; s++) delta[s] = Math.exp(psi[o + s - 1]);
  return delta;
}

/** V*_b (n_b x n_b, column-major) of one block at psi. */
export function blockCovariance(d: StructuredData, psi: ArrayLike<number>, rows: Int32Array, relative = relativeBlocks(d, psi)): Float64Array {
  const nb = rows.length;
  const v = new Float64Array(nb * nb);
  fillBlockCovariance(d, psi, rows, relative, stratumSds(d, psi), v);
  return v;
}

/** Writes V*_b into v (lower and upper triangles). */
function fillBlockCovariance(
  d: StructuredData,
  psi: ArrayLike<number>,
  rows: Int32Array,
  relative: readonly Float64Array[],
  delta: Float64Array,
  v: Float64Array,
): void {
  const nb = rows.length;
  const n = d.n;
  const c = d.correlation;
  const phi = c ? naturalCorrelation(c, psi[d.nTheta]) : 0;
  const logPhi = c && c.spec.type !== "corCompSymm" ? Math.log(Math.abs(phi)) : 0;
  const negative = phi < 0;
  const stratumOf = d.variance ? d.variance.stratumOf : null;
  for (let a = 0; a < nb; a++) {
    const i = rows[a];
    const si = stratumOf ? delta[stratumOf[i]] : 1;
    for (let b = 0; b <= a; b++) {
      const j = rows[b];
      let s = 0;
      for (let k = 0; k < d.terms.length; k++) {
        const t = d.terms[k];
        if (t.levelOfObservation[i] !== t.levelOfObservation[j]) continue;
        const pt = t.columnNames.length;
        const g = relative[k];
        const z = t.covariates;
        for (let r = 0; r < pt; r++) {
          const zi = z[i + n * r];
          for (let q = 0; q < pt; q++) s += zi * g[r + pt * q] * z[j + n * q];
        }
      }
      let corr = 1;
      if (a !== b) {
        if (!c || c.groupOf[i] !== c.groupOf[j]) corr = 0;
        else if (c.spec.type === "corCompSymm") corr = phi;
        else {
          const lag = Math.abs(c.position[i] - c.position[j]);
          corr = phi === 0 ? 0 : Math.exp(lag * logPhi);
          if (negative && lag % 2 === 1) corr = -corr;
        }
      }
      s += si * (stratumOf ? delta[stratumOf[j]] : 1) * corr;
      v[a + nb * b] = s;
      v[b + nb * a] = s;
    }
  }
}

/** T_k T_k' of every random-effect term. */
export function relativeBlocks(d: StructuredData, psi: ArrayLike<number>): Float64Array[] {
  return d.terms.map((t) => {
    const pt = t.columnNames.length;
    const f = termFactor(psi, t.thetaOffset, pt);
    const g = new Float64Array(pt * pt);
    for (let r = 0; r < pt; r++) for (let c = 0; c < pt; c++) {
      let s = 0;
      for (let k = 0; k < pt; k++) s += f[r + pt * k] * f[c + pt * k];
      g[r + pt * c] = s;
    }
    return g;
  });
}

/** In-place lower Cholesky of an n x n column-major matrix; false when not positive definite. */
function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let s = a[j + n * j];
    for (let k = 0; k < j; k++) s -= a[j + n * k] * a[j + n * k];
    if (!(s > 0)) return false;
    const l = Math.sqrt(s);
    a[j + n * j] = l;
    for (let i = j + 1; i < n; i++) {
      let t = a[i + n * j];
      for (let k = 0; k < j; k++) t -= a[i + n * k] * a[j + n * k];
      a[i + n * j] = t / l;
    }
  }
  return true;
}

/** The GLS pieces at psi, or null when some V*_b is not positive definite. */
export function evaluateMarginal(d: StructuredData, psi: ArrayLike<number>): MarginalEvaluation | null {
  const { n, p, x, y } = d;
  const relative = relativeBlocks(d, psi);
  const m = p + 1;
  // Cross-products of [X~ | y~], (p + 1) x (p + 1).
  const cross = new Float64Array(m * m);
  const delta = stratumSds(d, psi);
  let logDetV = 0;
  for (const rows of d.blocks) {
    const nb = rows.length;
    const v = new Float64Array(nb * nb);
    fillBlockCovariance(d, psi, rows, relative, delta, v);
    if (!choleskyInPlace(v, nb)) return null;
    for (let a = 0; a < nb; a++) logDetV += 2 * Math.log(v[a + nb * a]);
    const w = new Float64Array(nb * m);
    for (let c = 0; c < m; c++) {
      for (let a = 0; a < nb; a++) {
        let s = c < p ? x[rows[a] + n * c] : y[rows[a]];
        for (let k = 0; k < a; k++) s -= v[a + nb * k] * w[k + nb * c];
        w[a + nb * c] = s / v[a + nb * a];
      }
    }
    for (let c = 0; c < m; c++) for (let r = 0; r <= c; r++) {
      let s = 0;
      for (let a = 0; a < nb; a++) s += w[a + nb * r] * w[a + nb * c];
      cross[r + m * c] += s;
    }
  }
  for (let c = 0; c < m; c++) for (let r = c + 1; r < m; r++) cross[r + m * c] = cross[c + m * r];
  // Cholesky of the whole cross-product: R_X, then the last diagonal entry squared is rss.
  const chol = Float64Array.from(cross);
  if (!choleskyInPlace(chol, m)) return null;
  let logDetXtVX = 0;
  for (let j = 0; j < p; j++) logDetXtVX += 2 * Math.log(chol[j + m * j]);
  const last = chol[p + m * p];
  const rss = last * last;
  // beta: L_X' beta = L_X^{-1} X~'y~ (row p of chol holds it).
  const beta = new Float64Array(p);
  for (let j = p - 1; j >= 0; j--) {
    let s = chol[p + m * j];
    for (let k = j + 1; k < p; k++) s -= chol[k + m * j] * beta[k];
    beta[j] = s / chol[j + m * j];
  }
  // (X~'X~)^{-1} = L_X^{-T} L_X^{-1}.
  const linv = new Float64Array(p * p);
  for (let c = 0; c < p; c++) {
    for (let r = c; r < p; r++) {
      let s = r === c ? 1 : 0;
      for (let k = c; k < r; k++) s -= chol[r + m * k] * linv[k + p * c];
      linv[r + p * c] = s / chol[r + m * r];
    }
  }
  const xtvxInverse = new Float64Array(p * p);
  for (let c = 0; c < p; c++) for (let r = 0; r <= c; r++) {
    let s = 0;
    for (let k = c; k < p; k++) s += linv[k + p * r] * linv[k + p * c];
    xtvxInverse[r + p * c] = s;
    xtvxInverse[c + p * r] = s;
  }
  return { logDetV, logDetXtVX, rss, beta, xtvxInverse };
}

/** Profiled -2 log-likelihood (REML or ML) at psi. */
export function profiledCriterion(e: MarginalEvaluation | null, n: number, p: number, reml: boolean): number {
  if (e === null || !(e.rss > 0)) return Infinity;
  const dof = reml ? n - p : n;
  return dof * (1 + Math.log((2 * Math.PI * e.rss) / dof)) + e.logDetV + (reml ? e.logDetXtVX : 0);
}

/** -2 log-likelihood at (psi, sigma), beta at its GLS value. */
export function criterionAtSigma(e: MarginalEvaluation | null, sigma: number, n: number, p: number, reml: boolean): number {
  if (e === null) return Infinity;
  const s2 = sigma * sigma;
  const dof = reml ? n - p : n;
  return dof * Math.log(2 * Math.PI * s2) + e.logDetV + (reml ? e.logDetXtVX : 0) + e.rss / s2;
}
