/** Lower Cholesky factor of a symmetric positive semi-definite matrix and its numerical rank. */
export interface CholeskyResult {
  /** Lower triangular L (column-major n x n, zeros above the diagonal) with a = L L'. */
  factor: Float64Array;
  /** Number of pivots above the tolerance. */
  rank: number;
  /** rank === n: every pivot was positive and above the tolerance. */
  positiveDefinite: boolean;
}

/**
 * Cholesky factorization a = L L' (column-major, only the lower triangle of a is read), column by column
 * (Golub & Van Loan 2013, Alg. 4.2.1):  l_jj = sqrt(a_jj - sum_k<j l_jk^2),  l_ij = (a_ij - sum_k<j l_ik l_jk) / l_jj.
 * Rank detection without pivoting: when the reduced pivot d_j = a_jj - sum_k<j l_jk^2 is <= tol, column j is
 * taken as linearly dependent on the earlier ones and set to zero (for a positive semi-definite a the
 * whole reduced column is then ~0, so L L' still reproduces a). tol defaults to n * eps * max_j a_jj.
 * rank counts the columns kept. A negative pivot below -tol (an indefinite a) is also zeroed and
 * reported through positiveDefinite = false.
 */
export function cholesky(a: Float64Array, n: number, tol?: number): CholeskyResult {
  const factor = new Float64Array(n * n);
  let maxDiagonal = 0;
  for (let j = 0; j < n; j++) maxDiagonal = Math.max(maxDiagonal, Math.abs(a[j + j * n]));
  const threshold = tol ?? n * Number.EPSILON * maxDiagonal;
  let rank = 0;
  for (let j = 0; j < n; j++) {
    const colJ = j * n;
    let pivot = a[j + colJ];
    for (let k = 0; k < j; k++) pivot -= factor[j + k * n] * factor[j + k * n];
    if (!(pivot > threshold)) continue; // dependent column: leave zeros (NaN pivots also land here)
    const diagonal = Math.sqrt(pivot);
    factor[j + colJ] = diagonal;
    for (let i = j + 1; i < n; i++) {
      let s = a[i + colJ];
      for (let k = 0; k < j; k++) s -= factor[i + k * n] * factor[j + k * n];
      factor[i + colJ] = s / diagonal;
    }
    rank++;
  }
  return { factor, rank, positiveDefinite: rank === n };
}
