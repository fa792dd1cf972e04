/**
 * Inverse of a lower triangular matrix, column by column: column j of L^-1 solves L x = e_j, which is zero
 * above row j, so x_j = 1 / l_jj and x_i = -(sum_{k=j}^{i-1} l_ik x_k) / l_ii for i > j (Golub & Van Loan
 * 2013, sec. 3.1). Returns a new column-major lower triangular matrix.
 */
export function invertLower(l: Float64Array, n: number): Float64Array {
  const inverse = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const col = j * n;
    inverse[j + col] = 1 / l[j + j * n];
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s += l[i + k * n] * inverse[k + col];
      inverse[i + col] = -s / l[i + i * n];
    }
  }
  return inverse;
}
