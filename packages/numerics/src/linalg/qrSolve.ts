import type { QrDecomposition } from "./qrColumnPivoting.js";

/**
 * Q' y from the compact QR (R's qr.qty): apply H_1, ..., H_k in order, k = min(rank, nrow - 1), where
 * H_l y = y - u (u' y) / u_l with u = (0, ..., 0, qraux_l, qr[l+1.., l]) (LINPACK dqrsl).
 */
export function qrQty(decomposition: QrDecomposition, y: ArrayLike<number>): Float64Array {
  const { qr, qraux, rank, nrow: n } = decomposition;
  const out = Float64Array.from(y);
  const k = Math.min(rank, n - 1);
  for (let l = 0; l < k; l++) {
    const ul = qraux[l];
    if (ul === 0) continue;
    const col = l * n;
    let dot = ul * out[l];
    for (let i = l + 1; i < n; i++) dot += qr[col + i] * out[i];
    const t = -dot / ul;
    out[l] += t * ul;
    for (let i = l + 1; i < n; i++) out[i] += t * qr[col + i];
  }
  return out;
}

/**
 * Least-squares coefficients from the pivoted QR (R's qr.coef): solve R_11 b = (Q'y)_1 on the first `rank`
 * pivoted columns, then put b back in the input column order. Dropped (aliased) columns get NaN, as R
 * reports NA.
 */
export function qrCoefficients(decomposition: QrDecomposition, y: ArrayLike<number>): Float64Array {
  const { qr, pivot, rank, nrow: n, ncol: p } = decomposition;
  const qty = qrQty(decomposition, y);
  const b = qty.subarray(0, rank);
  for (let j = rank - 1; j >= 0; j--) {
    b[j] /= qr[j + j * n];
    for (let i = 0; i < j; i++) b[i] -= qr[i + j * n] * b[j];
  }
  const coefficients = new Float64Array(p).fill(NaN);
  for (let j = 0; j < rank; j++) coefficients[pivot[j]] = b[j];
  return coefficients;
}
