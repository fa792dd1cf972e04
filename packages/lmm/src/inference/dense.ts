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

/** Lower Cholesky factor of a symmetric positive definite n x n matrix, or null when a pivot is <= 0. */
export function choleskyLower(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j + n * j];
    for (let k = 0; k < j; k++) d -= l[j + n * k] * l[j + n * k];
    if (!(d > 0)) return null;
    d = Math.sqrt(d);
    l[j + n * j] = d;
    for (let i = j + 1; i < n; i++) {
      let s = a[i + n * j];
      for (let k = 0; k < j; k++) s -= l[i + n * k] * l[j + n * k];
      l[i + n * j] = s / d;
    }
  }
  return l;
}

/** Inverse of a symmetric positive definite matrix from its Cholesky factor, or null if not SPD. */
export function inverseSpd(a: Float64Array, n: number): Float64Array | null {
  const l = choleskyLower(a, n);
  if (!l) return null;
  // L^{-1} column by column (forward substitution), then A^{-1} = L^{-T} L^{-1}.
  const li = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    li[c + n * c] = 1 / l[c + n * c];
    for (let i = c + 1; i < n; i++) {
      let s = 0;
      for (let k = c; k < i; k++) s -= l[i + n * k] * li[k + n * c];
      li[i + n * c] = s / l[i + n * i];
    }
  }
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

/** Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations (Golub & Van Loan 2013, 8.5):
 *  values in decreasing order, vectors as the columns of an n x n matrix. Meant for small n (<= 50). */
export function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i + n * i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const x = m[i + n * j] * m[i + n * j];
        total += x;
        if (i !== j) off += x;
      }
    }
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p + n * q];
        if (apq === 0) continue;
        const app = m[p + n * p];
        const aqq = m[q + n * q];
        const tau = (aqq - app) / (2 * apq);
        const t = Math.sign(tau || 1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k + n * p];
          const mkq = m[k + n * q];
          m[k + n * p] = c * mkp - s * mkq;
          m[k + n * q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p + n * k];
          const mqk = m[q + n * k];
          m[p + n * k] = c * mpk - s * mqk;
          m[q + n * k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k + n * p];
          const vkq = v[k + n * q];
          v[k + n * p] = c * vkp - s * vkq;
          v[k + n * q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = [...Array(n).keys()].sort((i, j) => m[j + n * j] - m[i + n * i]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = m[src + n * src];
    for (let k = 0; k < n; k++) vectors[k + n * dst] = v[k + n * src];
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
