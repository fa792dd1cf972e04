import { twoSidedNormalPValue, twoSidedTPValue } from "@biomarker/numerics";
import { LmmInputError } from "../errors.js";
import { choleskyLower, inverseSpd, symmetricEigen } from "../inference/dense.js";

/**
 * The bias-reduced linearization (CR2) cluster-robust covariance of the GLS fixed effects with
 * Satterthwaite df (Bell & McCaffrey 2002; Pustejovsky & Tipton 2018, J Bus Econ Stat 36(4)), as
 * clubSandwich's vcovCR(type = "CR2") and coef_test(test = "Satterthwaite") compute it for lme and lmer
 * fits. The fitted model's marginal covariance Phi (block diagonal over clusters) is both the working
 * model (weights W = Phi^{-1}) and the target; clusters j, M = (X'WX)^{-1}, H = X M X'W:
 *
 *   A_j = D_j' B_j^{-1/2} D_j,   D_j'D_j = Phi_j (upper Cholesky),   B_j = D_j (I - H)_j Phi (I - H)_j' D_j',
 *   V_CR2 = M [sum_j X_j'W_j A_j e_j e_j' A_j W_j X_j] M,   e = y - X beta,
 *
 * with (I - H) Phi (I - H)' = Phi - X M X' because W = Phi^{-1}, so B_j = D_j (Phi_j - X_j M X_j') D_j'
 * (B^{-1/2} from the eigenvalues above 1e-12 of the largest). For a contrast c, with
 * a_j = A_j W_j X_j M c, w_j = X_j'a_j and S_jk = [j = k] a_j'Phi_j a_j - w_j'M w_k (the covariances of the
 * cluster terms under the working model), df = (sum_j S_jj)^2 / sum_jk S_jk^2. The result does not depend
 * on the scale of Phi (sigma^2 cancels).
 */
export interface ClusterRobustInput {
  readonly n: number;
  readonly p: number;
  readonly x: Float64Array;
  /** Marginal residuals y - X beta. */
  readonly residuals: ArrayLike<number>;
  readonly beta: ArrayLike<number>;
  /** Phi_j (up to a common scale) of the rows of one cluster, column-major. */
  covariance(rows: Int32Array): Float64Array;
}

export interface ClusterRobustResult {
  /** V_CR2, p x p. */
  readonly vcov: number[][];
  readonly nClusters: number;
  /** Satterthwaite df of l'beta (Pustejovsky-Tipton). */
  df(l: ArrayLike<number>): number;
}

const EIGEN_TOLERANCE = 1e-12;

export function clusterRobustCr2(input: ClusterRobustInput, clusters: readonly Int32Array[]): ClusterRobustResult {
  const { n, p, x } = input;
  if (clusters.length < 2) throw new LmmInputError("CR2 needs at least 2 clusters");
  const parts = clusters.map((rows) => {
    const nj = rows.length;
    const phi = input.covariance(rows);
    const w = inverseSpd(phi, nj);
    const l = choleskyLower(phi, nj);
    if (!w || !l) throw new LmmInputError("the model covariance of a cluster is not positive definite");
    const xj = new Float64Array(nj * p);
    for (let c = 0; c < p; c++) for (let a = 0; a < nj; a++) xj[a + nj * c] = x[rows[a] + n * c];
    const wx = mul(w, xj, nj, nj, p);
    return { rows, nj, phi, w, l, xj, wx };
  });
  const xtwx = new Float64Array(p * p);
  for (const { nj, xj, wx } of parts) {
    const t = crossT(xj, wx, nj, p, p);
    for (let e = 0; e < p * p; e++) xtwx[e] += t[e];
  }
  const m = inverseSpd(xtwx, p);
  if (!m) throw new LmmInputError("X'WX is singular");
  // A_j W_j X_j (n_j x p) for every cluster.
  const awx = parts.map(({ nj, phi, l, xj, wx }) => {
    // D = L' (upper), B = L' (Phi_j - X_j M X_j') L.
    const xm = mul(xj, m, nj, p, p);
    const g = Float64Array.from(phi);
    for (let c = 0; c < nj; c++) for (let a = 0; a < nj; a++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += xm[a + nj * k] * xj[c + nj * k];
      g[a + nj * c] -= s;
    }
    const b = crossT(l, mul(g, l, nj, nj, nj), nj, nj, nj);
    for (let c = 0; c < nj; c++) for (let a = 0; a < c; a++) b[a + nj * c] = b[c + nj * a] = (b[a + nj * c] + b[c + nj * a]) / 2;
    const { values, vectors } = symmetricEigen(b, nj);
    const top = Math.max(...values);
    const root = new Float64Array(nj * nj);
    for (let k = 0; k < nj; k++) {
      if (!(values[k] > EIGEN_TOLERANCE * top)) continue;
      const f = 1 / Math.sqrt(values[k]);
      for (let c = 0; c < nj; c++) for (let a = 0; a < nj; a++) root[a + nj * c] += f * vectors[a + nj * k] * vectors[c + nj * k];
    }
    // A = L B^{-1/2} L'.
    const lt = transpose(l, nj);
    const a = mul(mul(l, root, nj, nj, nj), lt, nj, nj, nj);
    return mul(a, wx, nj, nj, p);
  });
  // Meat: u_j = (A_j W_j X_j)' e_j.
  const meat = new Float64Array(p * p);
  parts.forEach(({ rows, nj }, j) => {
    const u = new Float64Array(p);
    for (let k = 0; k < p; k++) for (let a = 0; a < nj; a++) u[k] += awx[j][a + nj * k] * input.residuals[rows[a]];
    for (let c = 0; c < p; c++) for (let r = 0; r < p; r++) meat[r + p * c] += u[r] * u[c];
  });
  const vcov = mul(mul(m, meat, p, p, p), m, p, p, p);
  const df = (l: ArrayLike<number>): number => {
    const mc = mul(m, Float64Array.from(l), p, p, 1);
    const a = parts.map(({ nj }, j) => mul(awx[j], mc, nj, p, 1));
    const w = parts.map(({ nj, xj }, j) => crossT(xj, a[j], nj, p, 1));
    const mw = w.map((wj) => mul(m, wj, p, p, 1));
    const k = parts.length;
    let trace = 0;
    let sumSquares = 0;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let r = 0; r < p; r++) s -= w[i][r] * mw[j][r];
        if (i === j) {
          const { nj, phi } = parts[i];
          for (let c = 0; c < nj; c++) for (let r = 0; r < nj; r++) s += a[i][r] * phi[r + nj * c] * a[i][c];
          trace += s;
        }
        sumSquares += s * s;
      }
    }
    return (trace * trace) / sumSquares;
  };
  return { vcov: Array.from({ length: p }, (_, r) => Array.from({ length: p }, (_, c) => vcov[r + p * c])), nClusters: clusters.length, df };
}

/** t test of l'beta with the CR2 covariance: Satterthwaite df, or df null and a normal p-value. */
export function clusterRobustTest(
  result: ClusterRobustResult,
  beta: ArrayLike<number>,
  l: ArrayLike<number>,
  satterthwaite: boolean,
): { estimate: number; stdError: number; df: number | null; statistic: number; pValue: number } {
  const p = beta.length;
  let estimate = 0;
  let variance = 0;
  for (let r = 0; r < p; r++) {
    estimate += l[r] * beta[r];
    for (let c = 0; c < p; c++) variance += l[r] * result.vcov[r][c] * l[c];
  }
  const stdError = Math.sqrt(variance);
  const statistic = estimate / stdError;
  if (!satterthwaite) return { estimate, stdError, df: null, statistic, pValue: twoSidedNormalPValue(statistic) };
  const df = result.df(l);
  return { estimate, stdError, df, statistic, pValue: twoSidedTPValue(statistic, df) };
}

/** a (r x k) times b (k x c), column-major. */
function mul(a: Float64Array, b: Float64Array, r: number, k: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let j = 0; j < c; j++) for (let t = 0; t < k; t++) {
    const v = b[t + k * j];
    if (v === 0) continue;
    for (let i = 0; i < r; i++) out[i + r * j] += a[i + r * t] * v;
  }
  return out;
}

/** a' b for a (k x r), b (k x c). */
function crossT(a: Float64Array, b: Float64Array, k: number, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let j = 0; j < c; j++) for (let i = 0; i < r; i++) {
    let s = 0;
    for (let t = 0; t < k; t++) s += a[t + k * i] * b[t + k * j];
    out[i + r * j] = s;
  }
  return out;
}

function transpose(a: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let c = 0; c < n; c++) for (let r = 0; r < n; r++) out[c + n * r] = a[r + n * c];
  return out;
}

