/**
 * Small dense kernels of the blocked Cholesky factorization, all in place on column-major
 * Float64Array storage (offset + i + ld * j), allocation-free so they can run inside the optimizer loop.
 */

/** In-place lower Cholesky of the n x n block at `offset` (leading dimension n): A = L L'. Only the
 *  lower triangle is read; the strict upper triangle is zeroed. Returns false when one of the first
 *  `checked` pivots (default all) is <= 0; an unchecked non-positive pivot is stored as 0. */
export function choleskyInPlace(a: Float64Array, offset: number, n: number, checked = n): boolean {
  for (let j = 0; j < n; j++) {
    const cj = offset + n * j;
    let d = a[cj + j];
    for (let k = 0; k < j; k++) {
      const v = a[offset + j + n * k];
      d -= v * v;
    }
    if (!(d > 0)) {
      if (j < checked) return false;
      d = 0;
    }
    d = Math.sqrt(d);
    a[cj + j] = d;
    for (let i = j + 1; i < n; i++) {
      let s = a[cj + i];
      for (let k = 0; k < j; k++) s -= a[offset + i + n * k] * a[offset + j + n * k];
      a[cj + i] = s / d;
    }
    for (let i = 0; i < j; i++) a[cj + i] = 0;
  }
  return true;
}

/** Right-division by L': row r of the m x k block B (at bOffset, leading dimension m) becomes
 *  the solution x of L x = B[r, ]', i.e. B <- B L^{-T}, with L the k x k lower factor at lOffset. */
export function divideRightByLowerTransposed(
  b: Float64Array,
  bOffset: number,
  m: number,
  l: Float64Array,
  lOffset: number,
  k: number,
): void {
  for (let r = 0; r < m; r++) {
    for (let j = 0; j < k; j++) {
      let s = b[bOffset + r + m * j];
      for (let t = 0; t < j; t++) s -= l[lOffset + j + k * t] * b[bOffset + r + m * t];
      b[bOffset + r + m * j] = s / l[lOffset + j + k * j];
    }
  }
}

/** Solves L' x = x in place for the k x k lower factor L at lOffset (leading dimension ld), x at xOffset. */
export function solveLowerTransposedInPlace(l: Float64Array, lOffset: number, ld: number, k: number, x: Float64Array, xOffset: number): void {
  for (let j = k - 1; j >= 0; j--) {
    let s = x[xOffset + j];
    for (let t = j + 1; t < k; t++) s -= l[lOffset + t + ld * j] * x[xOffset + t];
    x[xOffset + j] = s / l[lOffset + j + ld * j];
  }
}

/** Inverse of the k x k lower factor L (leading dimension ld) into the k x k lower `out`. */
export function invertLower(l: Float64Array, lOffset: number, ld: number, k: number, out: Float64Array): void {
  out.fill(0, 0, k * k);
  for (let c = 0; c < k; c++) {
    out[c + k * c] = 1;
    for (let j = c; j < k; j++) {
      let s = out[j + k * c];
      for (let t = c; t < j; t++) s -= l[lOffset + j + ld * t] * out[t + k * c];
      out[j + k * c] = s / l[lOffset + j + ld * j];
    }
  }
}
