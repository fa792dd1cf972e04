/** A Householder QR in LINPACK's compact form, as R's qr() returns it (pivot is 0-based here). */
export interface QrDecomposition {
  /** nrow x ncol column-major: R in the upper triangle, Householder vectors below the diagonal. */
  qr: Float64Array;
  /** First element of each Householder vector (u_l); 0 where no reflection was applied. */
  qraux: Float64Array;
  /** Column j of qr is column pivot[j] of the input (0-based; R's $pivot - 1). */
  pivot: Int32Array;
  /** Numerical rank: the first `rank` columns of qr are the kept ones. */
  rank: number;
  nrow: number;
  ncol: number;
}

function norm2(x: Float64Array, start: number, end: number): number {
  // Scaled two-norm (as BLAS dnrm2) so squares cannot overflow or underflow.
  let scale = 0;
  let ssq = 1;
  for (let i = start; i < end; i++) {
    const v = Math.abs(x[i]);
    if (v === 0) continue;
    if (scale < v) {
      ssq = 1 + ssq * (scale / v) ** 2;
      scale = v;
    } else ssq += (v / scale) ** 2;
  }
  return scale * Math.sqrt(ssq);
}

/**
 * Householder QR with R's *limited* column pivoting (LINPACK dqrdc2, used by R's qr(), lm() and lme4's
 * rank check; Dongarra et al. 1979, ch. 9, with R's modifications):
 * - before reducing column l, while its norm below row l has fallen below tol times its original norm,
 *   that column is moved to the end (later columns shift left) and marked as dropped; this never looks at
 *   more than the remaining columns, so columns stay in their original order apart from the moved ones;
 * - the column norms are downdated after each reflection, norm_j <- norm_j sqrt(1 - (r_lj / norm_j)^2),
 *   and recomputed from scratch when that factor falls below 1e-6 (R's 1999 fix for rank deficiency
 *   going undetected);
 * - the reflection for column l is u = x_l / s with s = sign(x_ll) ||x_l||, u_l += 1, H = I - u u' / u_l;
 *   r_ll = -s, qraux_l = u_l. No reflection is made for the last row (l = nrow - 1).
 * rank = min(number of columns not moved, nrow). tol defaults to 1e-7, R's default.
 */
export function qrColumnPivoting(x: Float64Array, nrow: number, ncol: number, tol = 1e-7): QrDecomposition {
  const n = nrow;
  const p = ncol;
  const a = Float64Array.from(x.subarray(0, n * p));
  const qraux = new Float64Array(p);
  const pivot = new Int32Array(p);
  const currentNorm = new Float64Array(p); // LINPACK work(,1): norm used for recomputation bookkeeping
  const originalNorm = new Float64Array(p); // work(,2): the reference for "negligible"
  for (let j = 0; j < p; j++) {
    pivot[j] = j;
    qraux[j] = norm2(a, j * n, (j + 1) * n);
    currentNorm[j] = qraux[j];
    originalNorm[j] = qraux[j] === 0 ? 1 : qraux[j];
  }
  const column = new Float64Array(n);
  let kept = p; // columns [kept, p) have been moved to the end
  const steps = Math.min(n, p);
  for (let l = 0; l < steps; l++) {
    // Cycle negligible columns to the end (the l < kept check stops the cycling).
    while (l < kept && qraux[l] < originalNorm[l] * tol) {
      column.set(a.subarray(l * n, (l + 1) * n));
      a.copyWithin(l * n, (l + 1) * n, p * n);
      a.set(column, (p - 1) * n);
      const movedPivot = pivot[l];
      const movedQraux = qraux[l];
      const movedCurrent = currentNorm[l];
      const movedOriginal = originalNorm[l];
      for (let j = l + 1; j < p; j++) {
        pivot[j - 1] = pivot[j];
        qraux[j - 1] = qraux[j];
        currentNorm[j - 1] = currentNorm[j];
        originalNorm[j - 1] = originalNorm[j];
      }
      pivot[p - 1] = movedPivot;
      qraux[p - 1] = movedQraux;
      currentNorm[p - 1] = movedCurrent;
      originalNorm[p - 1] = movedOriginal;
      kept--;
    }
    if (l === n - 1) break;
    const colL = l * n;
    let s = norm2(a, colL + l, colL + n);
    if (s === 0) continue;
    if (a[colL + l] !== 0) s = Math.sign(a[colL + l]) * Math.abs(s);
    for (let i = l; i < n; i++) a[colL + i] /= s;
    a[colL + l] += 1;
    const ul = a[colL + l];
    for (let j = l + 1; j < p; j++) {
      const colJ = j * n;
      let dot = 0;
      for (let i = l; i < n; i++) dot += a[colL + i] * a[colJ + i];
      const t = -dot / ul;
      for (let i = l; i < n; i++) a[colJ + i] += t * a[colL + i];
      if (qraux[j] === 0) continue;
      const factor = Math.max(0, 1 - (Math.abs(a[colJ + l]) / qraux[j]) ** 2);
      if (Math.abs(factor) < 1e-6) {
        qraux[j] = norm2(a, colJ + l + 1, colJ + n);
        currentNorm[j] = qraux[j];
      } else {
        qraux[j] *= Math.sqrt(factor);
      }
    }
    qraux[l] = ul;
    a[colL + l] = -s;
  }
  return { qr: a, qraux, pivot, rank: Math.min(kept, n), nrow: n, ncol: p };
}
