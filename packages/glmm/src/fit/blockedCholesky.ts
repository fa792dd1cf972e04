import { cholesky } from "@biomarker/numerics";

/**
 * Cholesky factor of a symmetric positive definite H (dim x dim, column-major, lower triangle read) whose
 * leading q1 x q1 block is block diagonal with b x b blocks, as H = Lambda' Z' W Z Lambda + I is for the
 * first random-effect term (each observation has one level of it; lme4 orders the term with most levels
 * first). With H = [D, B'; B, C]:
 *
 *   L = [L_D, 0; B L_D^{-T}, L_S],   L_D = blockwise chol(D),   L_S L_S' = S = C - (B L_D^{-T})(B L_D^{-T})',
 *
 * costing O(q1 b^2 + (dim - q1) q1 b + (dim - q1)^3) instead of O(dim^3) (Bates et al. 2015, sec. 3.6).
 */
export class BlockedCholesky {
  /** b x b lower factors of D's blocks, block k at k * b * b. */
  readonly diagonalBlocks: Float64Array;
  /** (dim - q1) x q1, B L_D^{-T}, column-major. */
  readonly offDiagonal: Float64Array;
  /** Lower factor of S, r x r. */
  readonly schur: Float64Array;
  readonly positiveDefinite: boolean;
  readonly logDeterminant: number;
  private readonly r: number;

  constructor(h: Float64Array, readonly dim: number, readonly q1: number, readonly b: number) {
    const r = dim - q1;
    this.r = r;
    const blocks = q1 / b;
    this.diagonalBlocks = new Float64Array(q1 * b);
    this.offDiagonal = new Float64Array(r * q1);
    let positiveDefinite = true;
    let logDet = 0;
    const block = new Float64Array(b * b);
    for (let k = 0; k < blocks; k++) {
      const o = k * b;
      for (let c = 0; c < b; c++) for (let i = 0; i < b; i++) block[i + b * c] = h[o + i + dim * (o + c)];
      let lk: Float64Array;
      if (b === 1) {
        if (!(block[0] > 0)) positiveDefinite = false;
        lk = Float64Array.of(Math.sqrt(block[0]));
      } else {
        const chol = cholesky(block, b, 0);
        if (!chol.positiveDefinite) positiveDefinite = false;
        lk = chol.factor;
      }
      this.diagonalBlocks.set(lk, k * b * b);
      for (let i = 0; i < b; i++) logDet += 2 * Math.log(lk[i + b * i]);
      // Rows of B L_k^{-T}: solve L_k x = B_row' for each of the r rows (forward substitution).
      for (let row = 0; row < r; row++) {
        for (let i = 0; i < b; i++) {
          let s = h[q1 + row + dim * (o + i)];
          for (let j = 0; j < i; j++) s -= lk[i + b * j] * this.offDiagonal[row + r * (o + j)];
          this.offDiagonal[row + r * (o + i)] = s / lk[i + b * i];
        }
      }
    }
    const s = new Float64Array(r * r);
    for (let c = 0; c < r; c++) {
      for (let i = c; i < r; i++) {
        let v = h[q1 + i + dim * (q1 + c)];
        for (let k = 0; k < q1; k++) v -= this.offDiagonal[i + r * k] * this.offDiagonal[c + r * k];
        s[i + r * c] = v;
      }
    }
    if (r > 0) {
      const chol = cholesky(s, r, 0);
      if (!chol.positiveDefinite) positiveDefinite = false;
      this.schur = chol.factor;
      for (let i = 0; i < r; i++) logDet += 2 * Math.log(this.schur[i + r * i]);
    } else {
      this.schur = new Float64Array(0);
    }
    this.positiveDefinite = positiveDefinite;
    this.logDeterminant = logDet;
  }

  /** Diagonal of L (for the adaptive quadrature's scales 1 / L_gg). */
  diagonal(): Float64Array {
    const out = new Float64Array(this.dim);
    const { b, q1, r } = this;
    for (let k = 0; k < q1; k++) out[k] = this.diagonalBlocks[Math.floor(k / b) * b * b + (k % b) * (b + 1)];
    for (let i = 0; i < r; i++) out[q1 + i] = this.schur[i + r * i];
    return out;
  }

  /** Solves H x = g. */
  solve(g: Float64Array): Float64Array {
    const { b, q1, r } = this;
    const y = Float64Array.from(g);
    // Forward: L_D y1 = g1; L_S y2 = g2 - (B L_D^{-T}) y1.
    for (let k = 0; k < q1; k += b) {
      const lk = this.diagonalBlocks.subarray(k * b, k * b + b * b);
      for (let i = 0; i < b; i++) {
        let s = y[k + i];
        for (let j = 0; j < i; j++) s -= lk[i + b * j] * y[k + j];
        y[k + i] = s / lk[i + b * i];
      }
    }
    for (let i = 0; i < r; i++) {
      let s = y[q1 + i];
      for (let k = 0; k < q1; k++) s -= this.offDiagonal[i + r * k] * y[k];
      for (let j = 0; j < i; j++) s -= this.schur[i + r * j] * y[q1 + j];
      y[q1 + i] = s / this.schur[i + r * i];
    }
    // Backward: L_S' x2 = y2; L_D' x1 = y1 - (B L_D^{-T})' x2.
    for (let i = r - 1; i >= 0; i--) {
      let s = y[q1 + i];
      for (let j = i + 1; j < r; j++) s -= this.schur[j + r * i] * y[q1 + j];
      y[q1 + i] = s / this.schur[i + r * i];
    }
    for (let k = 0; k < q1; k++) {
      let s = y[k];
      for (let i = 0; i < r; i++) s -= this.offDiagonal[i + r * k] * y[q1 + i];
      y[k] = s;
    }
    for (let k = 0; k < q1; k += b) {
      const lk = this.diagonalBlocks.subarray(k * b, k * b + b * b);
      for (let i = b - 1; i >= 0; i--) {
        let s = y[k + i];
        for (let j = i + 1; j < b; j++) s -= lk[j + b * i] * y[k + j];
        y[k + i] = s / lk[i + b * i];
      }
    }
    return y;
  }
}
