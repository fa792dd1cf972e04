import { termFactor } from "../design/thetaLayout.js";
import type { RandomTermStructure } from "./model.js";
import { choleskyInPlace, divideRightByLowerTransposed, solveLowerTransposedInPlace } from "./blockedCholesky.js";

/**
 * Penalized least squares for a linear mixed model (Bates et al. 2015, section 3.2), factored blockwise
 * as MixedModels.jl does. Columns of the augmented matrix are ordered [Z1 | Zr | X | y], where Z1 is the
 * first random-effect term (the one with most levels) and Zr the remaining terms. With
 * Lambda~ = blockdiag(Lambda(theta), I_{p+1}) the matrix
 *
 *   A~ = Lambda~' [Z X y]'[Z X y] Lambda~ + blockdiag(I_q, 0)
 *
 * has the lower Cholesky factor [[L11, 0], [L21, L22]] where
 *   L11 = blockdiag_j chol(T1' Z1j'Z1j T1 + I)             one p1 x p1 block per level j of term 1,
 *   L21 = Lambda~r' [Zr X y]' Z1 Lambda1 L11^{-T}           m x q1, m = q2 + p + 1,
 *   L22 = chol(Lambda~r' [Zr X y]'[Zr X y] Lambda~r + blockdiag(I_q2, 0) - L21 L21')   dense m x m.
 * The dense m x m block is the "small q" choice for crossed or nested designs (fine while the other
 * terms have at most a few hundred random effects). Its last row holds the solution:
 * the rest of the last row gives beta and u, the X block of L22 is R_X', and the Zr block completes
 * L_theta. L22[m-1, m-1]^2 would be the penalized residual sum of squares, but it is y'y minus the fitted
 * part and loses about eps (mean/sd)^2 of its digits; pwrss() recomputes it from residuals as lme4 does.
 *
 * When X has a column of ones, y is centred first (y - ybar) and ybar added back to that coefficient:
 * the fit is equivariant under the shift, and the cross-products then keep their digits when y carries
 * a large constant, so adding 1e4 to y leaves theta, sigma and the standard errors unchanged.
 *
 * Everything independent of theta (the cross-products) is computed once per design; the y-parts are
 * refreshed by setResponse, so a batch reuses one structure for every feature with the same design.
 */
export class PenalizedLeastSquares {
  readonly n: number;
  readonly p: number;
  readonly q: number;
  readonly q1: number;
  readonly q2: number;
  readonly m: number;
  readonly p1: number;
  readonly l1: number;
  readonly nTheta: number;
  readonly y: Float64Array;
  /** y - shift, the response the cross-products are formed from. */
  private readonly yCentred: Float64Array;
  /** Index of a column of ones in X (-1 if none) and the shift subtracted from y (0 without one). */
  private readonly interceptColumn: number;
  private shift = 0;

  /** Cross-products: Z1'Z1 blocks (l1 x p1 x p1), [Zr X y]'Z1 (m x q1), [Zr X y]'[Zr X y] (m x m). */
  private readonly a11: Float64Array;
  private readonly a21: Float64Array;
  private readonly a22: Float64Array;
  /** Per observation: the row of [Zr X y] as (index, value) pairs, nnz per row, y last. */
  private readonly nnz: number;
  private readonly rowIndex: Int32Array;
  private readonly rowValue: Float64Array;
  /** Factor storage, overwritten by factorize(theta). */
  readonly l11: Float64Array;
  readonly l21: Float64Array;
  readonly l22: Float64Array;
  /** T_i per term (p_i x p_i lower, column-major), refreshed by factorize. */
  readonly tFactors: Float64Array[];
  private readonly scratch: Float64Array;
  /** beta, u and b of the last pwrss() evaluation. */
  private readonly betaWork: Float64Array;
  private readonly uWork: Float64Array;
  private readonly bWork: Float64Array;

  constructor(
    readonly x: Float64Array,
    n: number,
    p: number,
    readonly terms: readonly RandomTermStructure[],
  ) {
    this.n = n;
    this.p = p;
    const t1 = terms[0];
    this.p1 = t1.columnNames.length;
    this.l1 = t1.levels.length;
    this.q1 = this.p1 * this.l1;
    this.q = terms.reduce((s, t) => s + t.columnNames.length * t.levels.length, 0);
    this.q2 = this.q - this.q1;
    this.m = this.q2 + p + 1;
    this.nTheta = terms.reduce((s, t) => s + t.nTheta, 0);
    this.y = new Float64Array(n);
    this.yCentred = new Float64Array(n);
    this.interceptColumn = -1;
    for (let c = 0; c < p && this.interceptColumn < 0; c++) {
      let ones = true;
      for (let i = 0; i < n && ones; i++) ones = x[i + n * c] === 1;
      if (ones) this.interceptColumn = c;
    }
    const { p1, l1, q1, m } = this;

    this.nnz = terms.slice(1).reduce((s, t) => s + t.columnNames.length, 0) + p + 1;
    this.rowIndex = new Int32Array(n * this.nnz);
    this.rowValue = new Float64Array(n * this.nnz);
    for (let i = 0; i < n; i++) {
      let k = i * this.nnz;
      for (const t of terms.slice(1)) {
        const pt = t.columnNames.length;
        const base = t.zOffset - q1 + t.levelOfObservation[i] * pt;
        for (let c = 0; c < pt; c++) {
          this.rowIndex[k] = base + c;
          this.rowValue[k++] = t.covariates[i + n * c];
        }
      }
      for (let c = 0; c < p; c++) {
        this.rowIndex[k] = this.q2 + c;
        this.rowValue[k++] = x[i + n * c];
      }
      this.rowIndex[k] = m - 1;
    }

    this.a11 = new Float64Array(l1 * p1 * p1);
    this.a21 = new Float64Array(m * q1);
    this.a22 = new Float64Array(m * m);
    const cov1 = t1.covariates;
    const level1 = t1.levelOfObservation;
    for (let i = 0; i < n; i++) {
      const j = level1[i];
      const block = j * p1 * p1;
      for (let b = 0; b < p1; b++) {
        const zb = cov1[i + n * b];
        for (let a = 0; a < p1; a++) this.a11[block + a + p1 * b] += cov1[i + n * a] * zb;
        const col = m * (j * p1 + b);
        for (let k = i * this.nnz, end = k + this.nnz - 1; k < end; k++) this.a21[col + this.rowIndex[k]] += this.rowValue[k] * zb;
      }
      for (let k = i * this.nnz, end = k + this.nnz - 1; k < end; k++) {
        const r = this.rowIndex[k];
        const v = this.rowValue[k];
        for (let s = i * this.nnz; s < end; s++) this.a22[r + m * this.rowIndex[s]] += v * this.rowValue[s];
      }
    }

    this.l11 = new Float64Array(l1 * p1 * p1);
    this.l21 = new Float64Array(m * q1);
    this.l22 = new Float64Array(m * m);
    this.tFactors = terms.map((t) => new Float64Array(t.columnNames.length ** 2));
    this.scratch = new Float64Array(Math.max(m * m, p1 * p1, m * p1) * 2);
    this.betaWork = new Float64Array(p);
    this.uWork = new Float64Array(this.q);
    this.bWork = new Float64Array(this.q);
  }

  /** Sets the response and refreshes the y-parts of the cross-products (y'Z1, [Zr X]'y, y'y). */
  setResponse(y: ArrayLike<number>): void {
    const { n, m, p1, nnz } = this;
    this.y.set(y);
    let mean = 0;
    if (this.interceptColumn >= 0) {
      for (let i = 0; i < n; i++) mean += this.y[i];
      mean /= n;
    }
    this.shift = mean;
    for (let i = 0; i < n; i++) this.yCentred[i] = this.y[i] - mean;
    const t1 = this.terms[0];
    for (let col = 0; col < this.q1; col++) this.a21[m - 1 + m * col] = 0;
    for (let r = 0; r < m; r++) this.a22[r + m * (m - 1)] = 0;
    for (let i = 0; i < n; i++) {
      const yi = this.yCentred[i];
      const last = i * nnz + nnz - 1;
      this.rowValue[last] = yi;
      const j = t1.levelOfObservation[i];
      for (let b = 0; b < p1; b++) this.a21[m - 1 + m * (j * p1 + b)] += yi * t1.covariates[i + n * b];
      for (let k = i * nnz; k <= last; k++) this.a22[this.rowIndex[k] + m * (m - 1)] += this.rowValue[k] * yi;
    }
    for (let r = 0; r < m - 1; r++) this.a22[m - 1 + m * r] = this.a22[r + m * (m - 1)];
  }

  /** T_i from theta: each term's lower triangle, column by column (lme4's order). */
  private setT(theta: ArrayLike<number>): void {
    this.terms.forEach((t, index) => termFactor(theta, t.thetaOffset, t.columnNames.length, this.tFactors[index]));
  }

  /** Left-multiplies rows [0, q2) of the m x k matrix (leading dimension m) by Lambda_r'. */
  private scaleRowsByLambdaR(mat: Float64Array, offset: number, k: number): void {
    const { m, q1 } = this;
    for (let index = 1; index < this.terms.length; index++) {
      const t = this.terms[index];
      const pt = t.columnNames.length;
      const tf = this.tFactors[index];
      for (let level = 0; level < t.levels.length; level++) {
        const r0 = t.zOffset - q1 + level * pt;
        for (let c = 0; c < k; c++) {
          const col = offset + m * c + r0;
          // rows r0..r0+pt-1 <- T' rows, computed top-down (T' is upper triangular, row a uses a..pt-1)
          for (let a = 0; a < pt; a++) {
            let s = 0;
            for (let b = a; b < pt; b++) s += tf[b + pt * a] * mat[col + b];
            mat[col + a] = s;
          }
        }
      }
    }
  }

  /** Right-multiplies columns [0, q2) of the m x m matrix by Lambda_r. */
  private scaleColumnsByLambdaR(mat: Float64Array): void {
    const { m, q1 } = this;
    for (let index = 1; index < this.terms.length; index++) {
      const t = this.terms[index];
      const pt = t.columnNames.length;
      const tf = this.tFactors[index];
      for (let level = 0; level < t.levels.length; level++) {
        const c0 = t.zOffset - q1 + level * pt;
        for (let r = 0; r < m; r++) {
          // columns c0..c0+pt-1 <- cols * T; column b uses columns b..pt-1 (T lower triangular)
          for (let b = 0; b < pt; b++) {
            let s = 0;
            for (let a = b; a < pt; a++) s += mat[r + m * (c0 + a)] * tf[a + pt * b];
            mat[r + m * (c0 + b)] = s;
          }
        }
      }
    }
  }

  /** Factors A~(theta) into l11, l21, l22. Returns false when the X block is numerically singular. */
  factorize(theta: ArrayLike<number>): boolean {
    this.setT(theta);
    if (this.q2 === 0 && this.p1 <= 2) return this.factorizeSingleSmallTerm();
    const { m, p1, l1, q1, q2 } = this;
    const t1 = this.tFactors[0];
    const tmp = this.scratch;
    // L11_j = chol(T1' A11_j T1 + I)
    for (let j = 0; j < l1; j++) {
      const off = j * p1 * p1;
      // tmp = A11_j T1
      for (let b = 0; b < p1; b++) {
        for (let a = 0; a < p1; a++) {
          let s = 0;
          for (let c = b; c < p1; c++) s += this.a11[off + a + p1 * c] * t1[c + p1 * b];
          tmp[a + p1 * b] = s;
        }
      }
      for (let b = 0; b < p1; b++) {
        for (let a = b; a < p1; a++) {
          let s = 0;
          for (let c = a; c < p1; c++) s += t1[c + p1 * a] * tmp[c + p1 * b];
          this.l11[off + a + p1 * b] = s + (a === b ? 1 : 0);
        }
      }
      choleskyInPlace(this.l11, off, p1);
    }
    // L21 = Lambda~r' A21 T1 L11^{-T}, block by block
    const l21 = this.l21;
    for (let j = 0; j < l1; j++) {
      const off = m * j * p1;
      for (let b = 0; b < p1; b++) {
        for (let r = 0; r < m; r++) {
          let s = 0;
          for (let c = b; c < p1; c++) s += this.a21[off + r + m * c] * t1[c + p1 * b];
          l21[off + r + m * b] = s;
        }
      }
    }
    if (q2 > 0) this.scaleRowsByLambdaR(l21, 0, q1);
    for (let j = 0; j < l1; j++) divideRightByLowerTransposed(l21, m * j * p1, m, this.l11, j * p1 * p1, p1);
    // L22 = chol(Lambda~r' A22 Lambda~r + blockdiag(I_q2, 0) - L21 L21')
    const l22 = this.l22;
    l22.set(this.a22);
    if (q2 > 0) {
      this.scaleRowsByLambdaR(l22, 0, m);
      this.scaleColumnsByLambdaR(l22);
      for (let r = 0; r < q2; r++) l22[r + m * r] += 1;
    }
    for (let c = 0; c < q1; c++) {
      const col = m * c;
      for (let b = 0; b < m; b++) {
        const v = l21[col + b];
        if (v === 0) continue;
        for (let a = b; a < m; a++) l22[a + m * b] -= l21[col + a] * v;
      }
    }
    // A non-positive pivot before y's means X is numerically rank deficient given Z; y's own pivot is
    // not used (pwrss comes from residuals).
    return choleskyInPlace(l22, 0, m, m - 1);
  }

  /**
   * The same factorization for the commonest models, one random-effect term with one or two columns
   * ((1 | g), (x | g)): the per-level steps written out and fused into one pass over the levels.
   * For p1 = 2, T = [[t00, 0], [t10, t11]] and A_j = Z_j'Z_j:
   *   M = T' A_j T + I,  L11_j = chol(M),  L21_j[r, ] = solve(L11_j, T' A21_j[r, ]'),  L22 -= L21_j L21_j'.
   */
  private factorizeSingleSmallTerm(): boolean {
    const { m, p1, l1 } = this;
    const a11 = this.a11;
    const a21 = this.a21;
    const l11 = this.l11;
    const l21 = this.l21;
    const l22 = this.l22;
    l22.set(this.a22);
    const t = this.tFactors[0];
    if (p1 === 1) {
      const t0 = t[0];
      for (let j = 0; j < l1; j++) {
        const l = Math.sqrt(t0 * t0 * a11[j] + 1);
        l11[j] = l;
        const scale = t0 / l;
        const off = m * j;
        for (let r = 0; r < m; r++) l21[off + r] = a21[off + r] * scale;
        for (let b = 0; b < m; b++) {
          const v = l21[off + b];
          if (v === 0) continue;
          for (let a = b; a < m; a++) l22[a + m * b] -= l21[off + a] * v;
        }
      }
    } else {
      const t00 = t[0];
      const t10 = t[1];
      const t11 = t[3];
      for (let j = 0; j < l1; j++) {
        const o = 4 * j;
        const a00 = a11[o];
        const a01 = a11[o + 1];
        const a1 = a11[o + 3];
        const c0 = a01 * t00 + a1 * t10;
        const m00 = t00 * (a00 * t00 + a01 * t10) + t10 * c0 + 1;
        const m10 = t11 * c0;
        const m11 = t11 * t11 * a1 + 1;
        const d0 = Math.sqrt(m00);
        const e10 = m10 / d0;
        const d1 = Math.sqrt(m11 - e10 * e10);
        l11[o] = d0;
        l11[o + 1] = e10;
        l11[o + 2] = 0;
        l11[o + 3] = d1;
        const off0 = 2 * m * j;
        const off1 = off0 + m;
        for (let r = 0; r < m; r++) {
          const x0 = (a21[off0 + r] * t00 + a21[off1 + r] * t10) / d0;
          l21[off0 + r] = x0;
          l21[off1 + r] = (a21[off1 + r] * t11 - e10 * x0) / d1;
        }
        for (let b = 0; b < m; b++) {
          const v0 = l21[off0 + b];
          const v1 = l21[off1 + b];
          for (let a = b; a < m; a++) l22[a + m * b] -= l21[off0 + a] * v0 + l21[off1 + a] * v1;
        }
      }
    }
    return choleskyInPlace(l22, 0, m, m - 1);
  }

  /** log |L_theta|^2 = 2 sum log diag(L11) + 2 sum log diag(L22[Zr block]). */
  logDetL(): number {
    let s = 0;
    const { p1, l1, m, q2 } = this;
    for (let j = 0; j < l1; j++) for (let a = 0; a < p1; a++) s += Math.log(this.l11[j * p1 * p1 + a + p1 * a]);
    for (let r = 0; r < q2; r++) s += Math.log(this.l22[r + m * r]);
    return 2 * s;
  }

  /** log |R_X|^2 = 2 sum log diag(L22[X block]). */
  logDetRX(): number {
    let s = 0;
    for (let r = this.q2; r < this.q2 + this.p; r++) s += Math.log(this.l22[r + this.m * r]);
    return 2 * s;
  }

  /** r^2(theta) = ||y - X beta - Z b||^2 + ||u||^2 at the solution of the current factorization
   *  (Bates et al. 2015, eq. 14), from the residuals as lme4's pwrss. */
  pwrss(): number {
    const { n, p, x, yCentred: y, betaWork: beta, uWork: u, bWork: b } = this;
    this.solveCentred(beta, u);
    this.lambdaTimes(u, b);
    let s = 0;
    for (let k = 0; k < this.q; k++) s += u[k] * u[k];
    for (let i = 0; i < n; i++) {
      let r = y[i];
      for (let c = 0; c < p; c++) r -= x[i + n * c] * beta[c];
      for (const t of this.terms) {
        const pt = t.columnNames.length;
        const o = t.zOffset + t.levelOfObservation[i] * pt;
        for (let c = 0; c < pt; c++) r -= t.covariates[i + n * c] * b[o + c];
      }
      s += r * r;
    }
    return s;
  }

  /** After factorize: beta (p) and spherical modes u (q, term-1 block first) by back-substitution
   *  in L' [u; beta] = the last row of L (Bates et al. 2015, eqs 17-18). */
  solve(beta: Float64Array, u: Float64Array): void {
    this.solveCentred(beta, u);
    if (this.interceptColumn >= 0) beta[this.interceptColumn] += this.shift;
  }

  /** The same solution for the centred response y - shift. */
  private solveCentred(beta: Float64Array, u: Float64Array): void {
    const { m, p1, l1, q1, q2, p } = this;
    const rest = this.scratch;
    for (let r = 0; r < m - 1; r++) rest[r] = this.l22[m - 1 + m * r];
    solveLowerTransposedInPlace(this.l22, 0, m, m - 1, rest, 0);
    for (let c = 0; c < p; c++) beta[c] = rest[q2 + c];
    for (let r = 0; r < q2; r++) u[q1 + r] = rest[r];
    for (let j = 0; j < l1; j++) {
      const off = m * j * p1;
      for (let a = 0; a < p1; a++) {
        let s = this.l21[off + m - 1 + m * a];
        for (let r = 0; r < m - 1; r++) s -= this.l21[off + r + m * a] * rest[r];
        u[j * p1 + a] = s;
      }
      solveLowerTransposedInPlace(this.l11, j * p1 * p1, p1, p1, u, j * p1);
    }
  }

  /** b = Lambda(theta) u, term by term (T_i times each level's block). Uses the T from the last factorize. */
  lambdaTimes(u: Float64Array, b: Float64Array): void {
    this.terms.forEach((t, index) => {
      const pt = t.columnNames.length;
      const tf = this.tFactors[index];
      for (let level = 0; level < t.levels.length; level++) {
        const o = t.zOffset + level * pt;
        for (let a = 0; a < pt; a++) {
          let s = 0;
          for (let c = 0; c <= a; c++) s += tf[a + pt * c] * u[o + c];
          b[o + a] = s;
        }
      }
    });
  }
}
