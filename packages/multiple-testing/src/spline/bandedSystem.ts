/**
 * Symmetric positive definite matrices with bandwidth 3 (the cubic-spline normal equations), stored as
 * their diagonals: band[d][i] = A_{i, i+d}, d = 0..3 (column-major per diagonal, like R's hs0..hs3).
 */
export type Band = [Float64Array, Float64Array, Float64Array, Float64Array];

export const bandwidth = 3;

export function emptyBand(n: number): Band {
  return [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
}

/**
 * Banded Cholesky A = U'U with U upper triangular of the same bandwidth (as LINPACK dpbfa):
 *   u_ii = sqrt(a_ii - sum_{k<i} u_ki^2),  u_ij = (a_ij - sum_{k<i} u_ki u_kj) / u_ii  for j = i+1..i+3.
 * Returns U in band form, or null if A is not positive definite.
 */
export function bandCholesky(a: Band): Band | null {
  const n = a[0].length;
  const u = emptyBand(n);
  for (let i = 0; i < n; i++) {
    let diagonal = a[0][i];
    for (let k = Math.max(0, i - bandwidth); k < i; k++) diagonal -= u[i - k][k] ** 2;
    if (!(diagonal > 0)) return null;
    const uii = Math.sqrt(diagonal);
    u[0][i] = uii;
    for (let d = 1; d <= bandwidth && i + d < n; d++) {
      const j = i + d;
      let s = a[d][i];
      for (let k = Math.max(0, j - bandwidth); k < i; k++) s -= u[i - k][k] * u[j - k][k];
      u[d][i] = s / uii;
    }
  }
  return u;
}

/** Solves U'U x = b. */
export function bandSolve(u: Band, b: Float64Array): Float64Array {
  const n = b.length;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = Math.max(0, i - bandwidth); k < i; k++) s -= u[i - k][k] * z[k];
    z[i] = s / u[0][i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i];
    for (let d = 1; d <= bandwidth && i + d < n; d++) s -= u[d][i] * x[i + d];
    x[i] = s / u[0][i];
  }
  return x;
}

/**
 * The band of S = A^{-1} from A = U'U without forming the inverse (Hutchinson & de Hoog 1985): U S = U'^{-1}
 * is lower triangular with diagonal 1/u_ii, so for j >= i
 *   s_ij = (delta_ij / u_ii - sum_{k=i+1}^{i+3} u_ik s_kj) / u_ii,
 * and every s_kj needed lies in the band already computed (i from n-1 down to 0).
 */
export function bandOfInverse(u: Band): Band {
  const n = u[0].length;
  const s = emptyBand(n);
  const at = (i: number, j: number): number => (i <= j ? s[j - i][i] : s[i - j][j]);
  for (let i = n - 1; i >= 0; i--) {
    for (let d = bandwidth; d >= 0; d--) {
      const j = i + d;
      if (j >= n) continue;
      let sum = d === 0 ? 1 / u[0][i] : 0;
      for (let e = 1; e <= bandwidth && i + e < n; e++) sum -= u[e][i] * at(i + e, j);
      s[d][i] = sum / u[0][i];
    }
  }
  return s;
}
