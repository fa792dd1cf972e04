import { cholesky, invertLower, symmetricEigen as symmetricEigenUnsorted } from "@biomarker/numerics";

/**
 * Small dense kernels for the inference formulas (column-major Float64Array, explicit dimensions).
 * The matrices here are n x n at most for a single fit (n = a few hundred) and p x p or q x q otherwise.
 */

/** C = A B with A m x k and B k x n. */
export function multiply(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let j = 0; j < n; j++) {
    for (let t = 0; t < k; t++) {
      const v = b[t + k * j];
      if (v === 0) continue;
      const at = t * m;
      const cj = j * m;
      for (let i = 0; i < m; i++) c[cj + i] += a[at + i] * v;
    }
  }
  return c;
}

/** C = A' B with A k x m and B k x n. Columns of A that are mostly zero (Z: one level per row) are
 *  visited through their nonzero rows only. */
export function crossprod(a: Float64Array, b: Float64Array, k: number, m: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  const rows = new Int32Array(k);
  for (let i = 0; i < m; i++) {
    const ai = k * i;
    let nnz = 0;
    for (let t = 0; t < k; t++) if (a[ai + t] !== 0) rows[nnz++] = t;
    if (nnz * 2 < k) {
      for (let j = 0; j < n; j++) {
        const bj = k * j;
        let s = 0;
        for (let r = 0; r < nnz; r++) s += a[ai + rows[r]] * b[bj + rows[r]];
        c[i + m * j] = s;
      }
    } else {
      for (let j = 0; j < n; j++) {
        const bj = k * j;
        let s = 0;
        for (let t = 0; t < k; t++) s += a[ai + t] * b[bj + t];
        c[i + m * j] = s;
      }
    }
  }
  return c;
}

/** x' A y for an n x n matrix A. */
export function bilinear(x: ArrayLike<number>, a: Float64Array, y: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let j = 0; j < n; j++) {
    const yj = y[j];
    if (yj === 0) continue;
    let t = 0;
    for (let i = 0; i < n; i++) t += x[i] * a[i + n * j];
    s += t * yj;
  }
  return s;
}

/** tr(A B) for n x n matrices: sum_ij A_ij B_ji. */
export function traceOfProduct(a: Float64Array, b: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s += a[i + n * j] * b[j + n * i];
  return s;
}

export function trace(a: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i * (n + 1)];
  return s;
}

/** Lower Cholesky factor of a symmetric positive definite n x n matrix, or null when it is not. */
export function choleskyLower(a: Float64Array, n: number): Float64Array | null {
  const { factor, positiveDefinite } = cholesky(a, n);
  return positiveDefinite ? factor : null;
}

/** Inverse of a symmetric positive definite matrix, A^{-1} = L^{-T} L^{-1} from A = L L', or null if not SPD. */
export function inverseSpd(a: Float64Array, n: number): Float64Array | null {
  const l = choleskyLower(a, n);
  if (!l) return null;
  const li = invertLower(l, n);
  const inv = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = j; i < n; i++) {
      let s = 0;
      for (let k = i; k < n; k++) s += li[k + n * i] * li[k + n * j];
      inv[i + n * j] = s;
      inv[j + n * i] = s;
    }
  }
  return inv;
}

/** Eigen-decomposition of a symmetric matrix (Jacobi, from numerics) with the eigenvalues in decreasing
 *  order and the eigenvectors as the matching columns. */
export function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const eigen = symmetricEigenUnsorted(a, n);
  const order = [...Array(n).keys()].sort((i, j) => eigen.values[j] - eigen.values[i]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = eigen.values[src];
    vectors.set(eigen.vectors.subarray(n * src, n * src + n), n * dst);
  });
  return { values, vectors };
}

/** Moore-Penrose inverse of a symmetric matrix keeping eigenvalues > tol (lmerTest's rule for the
 *  Hessian, tol = 1e-8); also returns how many eigenvalues were kept. */
export function symmetricPseudoInverse(a: Float64Array, n: number, tol: number): { inverse: Float64Array; rank: number } {
  const { values, vectors } = symmetricEigen(a, n);
  const inverse = new Float64Array(n * n);
  let rank = 0;
  for (let k = 0; k < n; k++) {
    if (!(values[k] > tol)) continue;
    rank++;
    const w = 1 / values[k];
    for (let j = 0; j < n; j++) {
      const vj = vectors[j + n * k] * w;
      for (let i = 0; i < n; i++) inverse[i + n * j] += vectors[i + n * k] * vj;
    }
  }
  return { inverse, rank };
}
