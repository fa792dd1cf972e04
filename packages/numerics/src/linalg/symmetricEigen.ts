/** Columns p and q of the n x n matrix m times the rotation [c s; -s c]: (m_p, m_q) <- (c m_p - s m_q, s m_p + c m_q). */
function rotateColumns(m: Float64Array, n: number, p: number, q: number, c: number, s: number): void {
  for (let k = 0; k < n; k++) {
    const mkp = m[k + p * n];
    const mkq = m[k + q * n];
    m[k + p * n] = c * mkp - s * mkq;
    m[k + q * n] = s * mkp + c * mkq;
  }
}

/**
 * Eigen-decomposition A = V diag(values) V' of a symmetric n x n matrix (column-major; only the entries
 * are read, symmetry is assumed) by the cyclic Jacobi method (Golub & Van Loan 2013, Alg. 8.5.3): sweep
 * over all (p, q), each time applying the rotation that zeroes a_pq, with
 *   tau = (a_qq - a_pp) / (2 a_pq),  t = sign(tau) / (|tau| + sqrt(1 + tau^2)),  c = 1 / sqrt(1 + t^2),  s = t c,
 * until the off-diagonal Frobenius norm is below eps times the norm of A. Accurate to a few ulps of ||A||
 * and unconditionally convergent; meant for small matrices (n <= ~50). Eigenvalues are not sorted.
 * `values` (length n) and `vectors` (n x n, columns = eigenvectors) are written; `work` (n x n) is scratch.
 */
export function symmetricEigenInPlace(
  a: Float64Array,
  n: number,
  values: Float64Array,
  vectors: Float64Array,
  work: Float64Array,
): void {
  work.set(a.subarray(0, n * n));
  vectors.fill(0, 0, n * n);
  let norm2 = 0;
  for (let k = 0; k < n * n; k++) norm2 += work[k] * work[k];
  for (let i = 0; i < n; i++) vectors[i + i * n] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off2 = 0;
    for (let q = 1; q < n; q++) for (let p = 0; p < q; p++) off2 += 2 * work[p + q * n] ** 2;
    if (off2 <= Number.EPSILON * Number.EPSILON * norm2) break;
    for (let q = 1; q < n; q++) {
      for (let p = 0; p < q; p++) {
        const apq = work[p + q * n];
        if (apq === 0) continue;
        const tau = (work[q + q * n] - work[p + p * n]) / (2 * apq);
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        rotateColumns(work, n, p, q, c, s);
        for (let k = 0; k < n; k++) {
          const apk = work[p + k * n];
          const aqk = work[q + k * n];
          work[p + k * n] = c * apk - s * aqk;
          work[q + k * n] = s * apk + c * aqk;
        }
        rotateColumns(vectors, n, p, q, c, s);
      }
    }
  }
  for (let i = 0; i < n; i++) values[i] = work[i + i * n];
}

/** Allocating convenience form: eigenvalues and eigenvectors (columns) of a symmetric matrix. */
export function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  symmetricEigenInPlace(a, n, values, vectors, new Float64Array(n * n));
  return { values, vectors };
}
