import { choleskyLower, crossprod, multiply } from "./dense.js";
import { termFactor } from "../design/thetaLayout.js";
import { type InferenceModel, denseZ } from "./marginalModel.js";

/** What is held fixed while the deviance is profiled over the rest. */
export interface ProfileConstraint {
  readonly reml: boolean;
  /** Fixed effect j held at `value` (null: j estimated, but the REML determinant and degrees of freedom
   *  are those of the model without column j, the baseline of that profile). */
  readonly fixed?: { readonly index: number; readonly value: number | null };
  /** Residual SD held at this value instead of profiled out. */
  readonly sigma?: number;
}

/**
 * -2 log-likelihood (ML) or -2 restricted log-likelihood (REML) at theta, with beta (and sigma unless held)
 * profiled out, from the cross-products of [Z X y] (Bates et al. 2015, eqs 34 and 41, written with the
 * Woodbury identity): with W = Z Lambda Lambda' Z' + I and A = Lambda' Z' Z Lambda + I,
 *
 *   a' W^{-1} b = a'b - (Lambda' Z' a)' A^{-1} (Lambda' Z' b),   log |W| = log |A|,
 *   pwrss = min_beta ||y - X beta||^2_{W^{-1}},  nu = n (ML) or n - p (REML),
 *   profiled sigma:  D = log|A| [+ log|X'W^{-1}X|] + nu (1 + log(2 pi pwrss / nu))
 *   fixed sigma:     D = log|A| [+ log|X'W^{-1}X|] + nu log(2 pi sigma^2) + pwrss / sigma^2.
 *
 * A fixed effect held at b enters as the offset x_j b with column j removed. Per evaluation the cost is
 * O(q^3 + q^2 p), independent of n, which makes profiles and refits cheap.
 */
export class ProfiledDeviance {
  readonly n: number;
  readonly p: number;
  readonly q: number;
  /** Gram matrix of [Z X y], (q + p + 1) square. */
  private readonly gram: Float64Array;
  private readonly m: number;

  constructor(private readonly model: InferenceModel) {
    const { n, p, q, x, y } = model;
    this.n = n;
    this.p = p;
    this.q = q;
    const m = q + p + 1;
    this.m = m;
    const all = new Float64Array(n * m);
    all.set(denseZ(model), 0);
    all.set(x, n * q);
    all.set(y, n * (q + p));
    this.gram = crossprod(all, all, n, m, m);
  }

  /** Lambda (q x q) at theta. */
  private lambda(theta: ArrayLike<number>): Float64Array {
    const q = this.q;
    const out = new Float64Array(q * q);
    for (const term of this.model.terms) {
      const pi = term.columnNames.length;
      const t = termFactor(theta, term.thetaOffset, pi);
      for (let l = 0; l < term.levels.length; l++) {
        const o = term.zOffset + l * pi;
        for (let c = 0; c < pi; c++) for (let r = c; r < pi; r++) out[o + r + q * (o + c)] = t[r + pi * c];
      }
    }
    return out;
  }

  evaluate(theta: ArrayLike<number>, constraint: ProfileConstraint): number {
    const parts = this.parts(theta, constraint);
    if (parts === null) return Number.POSITIVE_INFINITY;
    const { base, pwrss, nu } = parts;
    if (constraint.sigma !== undefined) {
      const s2 = constraint.sigma * constraint.sigma;
      return base + nu * Math.log(2 * Math.PI * s2) + pwrss / s2;
    }
    return base + nu * (1 + Math.log((2 * Math.PI * pwrss) / nu));
  }

  /** log|A| [+ log|X'W^{-1}X|], pwrss and nu at theta. */
  private parts(theta: ArrayLike<number>, constraint: ProfileConstraint): { base: number; pwrss: number; nu: number } | null {
    const { n, p, q, m, gram } = this;
    const lambda = this.lambda(theta);
    const g = (i: number, j: number) => gram[i + m * j];
    // Columns of the reduced problem: the X columns kept, then the (offset) response.
    const fixedIndex = constraint.fixed?.index ?? -1;
    const fixedValue = constraint.fixed?.value ?? null;
    const kept = [...Array(p).keys()].filter((j) => j !== fixedIndex || fixedValue === null);
    const detColumns = [...Array(p).keys()].filter((j) => j !== fixedIndex);
    const k = kept.length + 1;
    // Cross-products of Z with the columns, and between the columns (response column may carry the offset).
    const colIndex = (c: number) => q + kept[c];
    const zc = new Float64Array(q * k);
    const cc = new Float64Array(k * k);
    const yIndex = q + p;
    const b = fixedValue ?? 0;
    const xj = fixedIndex >= 0 && fixedValue !== null ? q + fixedIndex : -1;
    for (let r = 0; r < q; r++) {
      for (let c = 0; c < kept.length; c++) zc[r + q * c] = g(r, colIndex(c));
      zc[r + q * kept.length] = g(r, yIndex) - (xj >= 0 ? b * g(r, xj) : 0);
    }
    for (let a = 0; a < kept.length; a++) {
      for (let c = 0; c < kept.length; c++) cc[a + k * c] = g(colIndex(a), colIndex(c));
      const v = g(colIndex(a), yIndex) - (xj >= 0 ? b * g(colIndex(a), xj) : 0);
      cc[a + k * kept.length] = v;
      cc[kept.length + k * a] = v;
    }
    cc[k * k - 1] = g(yIndex, yIndex) - (xj >= 0 ? 2 * b * g(xj, yIndex) - b * b * g(xj, xj) : 0);
    // A = Lambda' Z'Z Lambda + I
    const ztz = new Float64Array(q * q);
    for (let j = 0; j < q; j++) for (let i = 0; i < q; i++) ztz[i + q * j] = g(i, j);
    const zl = multiply(ztz, lambda, q, q, q);
    const a = crossprod(lambda, zl, q, q, q);
    for (let i = 0; i < q; i++) a[i + q * i] += 1;
    const la = choleskyLower(a, q);
    if (!la) return null;
    let logDetA = 0;
    for (let i = 0; i < q; i++) logDetA += 2 * Math.log(la[i + q * i]);
    // R = L_A^{-1} Lambda' Z' c for every column c
    const r = crossprod(lambda, zc, q, q, k);
    forwardSolveColumns(la, q, r, k);
    // C W^{-1} C = C'C - R'R
    const cwc = cc.map((v, e) => {
      const i = e % k;
      const j = (e - i) / k;
      let s = 0;
      for (let t = 0; t < q; t++) s += r[t + q * i] * r[t + q * j];
      return v - s;
    });
    const px = kept.length;
    let pwrss: number;
    if (px > 0) {
      const xwx = new Float64Array(px * px);
      for (let j = 0; j < px; j++) for (let i = 0; i < px; i++) xwx[i + px * j] = cwc[i + k * j];
      const lx = choleskyLower(xwx, px);
      if (!lx) return null;
      const rhs = new Float64Array(px);
      for (let i = 0; i < px; i++) rhs[i] = cwc[i + k * px];
      forwardSolveColumns(lx, px, rhs, 1);
      let s = 0;
      for (let i = 0; i < px; i++) s += rhs[i] * rhs[i];
      pwrss = cwc[k * k - 1] - s;
    } else {
      pwrss = cwc[0];
    }
    let logDetX = 0;
    const pd = detColumns.length;
    if (constraint.reml && pd > 0) {
      const xwx = new Float64Array(pd * pd);
      // detColumns is kept minus the fixed column when it was estimated; map into cwc indices.
      const pos = detColumns.map((j) => kept.indexOf(j));
      for (let j = 0; j < pd; j++) for (let i = 0; i < pd; i++) xwx[i + pd * j] = cwc[pos[i] + k * pos[j]];
      const lx = choleskyLower(xwx, pd);
      if (!lx) return null;
      for (let i = 0; i < pd; i++) logDetX += 2 * Math.log(lx[i + pd * i]);
    }
    const nu = constraint.reml ? n - pd : n;
    return { base: logDetA + (constraint.reml ? logDetX : 0), pwrss, nu };
  }

  /** Profiled sigma^2 = pwrss / nu at theta for the unconstrained model. */
  sigmaAt(theta: ArrayLike<number>, reml: boolean): number {
    const parts = this.parts(theta, { reml });
    return parts === null ? Number.NaN : Math.sqrt(parts.pwrss / parts.nu);
  }
}

/** Solves L X = B in place for a lower-triangular L (k x k) and B (k x cols). */
function forwardSolveColumns(l: Float64Array, k: number, b: Float64Array, cols: number): void {
  for (let c = 0; c < cols; c++) {
    const o = c * k;
    for (let i = 0; i < k; i++) {
      let s = b[o + i];
      for (let t = 0; t < i; t++) s -= l[i + k * t] * b[o + t];
      b[o + i] = s / l[i + k * i];
    }
  }
}
