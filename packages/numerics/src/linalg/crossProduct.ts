/**
 * Symmetric rank-k update C = X' X (BLAS dsyrk with trans = "T") for a column-major nrow x ncol matrix X:
 * c_ij = sum_r x_ri x_rj. Both triangles of the ncol x ncol result are filled.
 */
export function crossProduct(x: Float64Array, nrow: number, ncol: number): Float64Array {
  const c = new Float64Array(ncol * ncol);
  for (let j = 0; j < ncol; j++) {
    const colJ = j * nrow;
    for (let i = 0; i <= j; i++) {
      const colI = i * nrow;
      let s = 0;
      for (let r = 0; r < nrow; r++) s += x[colI + r] * x[colJ + r];
      c[i + j * ncol] = s;
      c[j + i * ncol] = s;
    }
  }
  return c;
}

/** X' y for a column-major nrow x ncol X and a vector y of length nrow. */
export function crossProductVector(x: Float64Array, nrow: number, ncol: number, y: ArrayLike<number>): Float64Array {
  const out = new Float64Array(ncol);
  for (let j = 0; j < ncol; j++) {
    let s = 0;
    const col = j * nrow;
    for (let r = 0; r < nrow; r++) s += x[col + r] * y[r];
    out[j] = s;
  }
  return out;
}
