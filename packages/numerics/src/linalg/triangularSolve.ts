/*
 * Triangular solves by substitution (Golub & Van Loan 2013, Alg. 3.1.1 and 3.1.2) on column-major n x n
 * factors; b is not modified. A zero on the diagonal gives non-finite entries (the system is singular).
 */

/** x with L x = b, L lower triangular (forward substitution, column oriented). */
export function solveLower(l: Float64Array, n: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b.subarray(0, n));
  for (let j = 0; j < n; j++) {
    const xj = (x[j] /= l[j + j * n]);
    for (let i = j + 1; i < n; i++) x[i] -= l[i + j * n] * xj;
  }
  return x;
}

/** x with L' x = b, L lower triangular (back substitution on the transpose, row of L' = column of L). */
export function solveLowerTransposed(l: Float64Array, n: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b.subarray(0, n));
  for (let j = n - 1; j >= 0; j--) {
    let s = x[j];
    for (let i = j + 1; i < n; i++) s -= l[i + j * n] * x[i];
    x[j] = s / l[j + j * n];
  }
  return x;
}

/** x with U x = b, U upper triangular (back substitution, column oriented). */
export function solveUpper(u: Float64Array, n: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b.subarray(0, n));
  for (let j = n - 1; j >= 0; j--) {
    const xj = (x[j] /= u[j + j * n]);
    for (let i = 0; i < j; i++) x[i] -= u[i + j * n] * xj;
  }
  return x;
}

/** x with U' x = b, U upper triangular (forward substitution on the transpose). */
export function solveUpperTransposed(u: Float64Array, n: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b.subarray(0, n));
  for (let j = 0; j < n; j++) {
    let s = x[j];
    for (let i = 0; i < j; i++) s -= u[i + j * n] * x[i];
    x[j] = s / u[j + j * n];
  }
  return x;
}
