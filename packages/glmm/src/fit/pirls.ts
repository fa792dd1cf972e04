import { BlockedCholesky } from "./blockedCholesky.js";
import type { GlmmDesign } from "../design/design.js";

/**
 * Penalized iteratively reweighted least squares (Bates et al. 2015, sec. 5; lme4's pwrssUpdate) for
 * eta = offset + X beta + Z Lambda(theta) u:
 *
 *   minimize over u (and over beta too when `withBeta`)   D(u) = -2 sum_i log p(y_i | eta_i) + ||u||^2.
 *
 * With a canonical link the Hessian of D / 2 is H = [A' W A + I, A' W X; X' W A, X' W X] (A = Z Lambda,
 * W = Fisher weights), so each step solves H delta = [A' s - u; X' s] (s = scores y - m mu) and is halved
 * until D decreases. The factor L of the u block, L L' = Lambda' Z' W Z Lambda + I at the mode, gives the
 * Laplace term log |L|^2.
 */
export class Pirls {
  readonly n: number;
  readonly q: number;
  readonly p: number;
  /** Non-zeros per row of A = Z Lambda: sum over terms of their column counts. */
  readonly width: number;
  /** Row i of A: columns aCol[i * width + k], values aVal[i * width + k]. */
  readonly aCol: Int32Array;
  readonly aVal: Float64Array;
  readonly logConstant: Float64Array;
  /** Columns of the first term (block diagonal in A' W A: each observation has one of its levels) and its block size. */
  readonly q1: number;
  readonly b1: number;
  /** Current conditional modes (warm start of the next solve). */
  u: Float64Array;
  private readonly eta: Float64Array;

  constructor(readonly design: GlmmDesign) {
    const { n, q, p, family, y, trials } = design;
    this.n = n;
    this.q = q;
    this.p = p;
    this.width = design.random.reduce((s, t) => s + t.columnNames.length, 0);
    this.aCol = new Int32Array(n * this.width);
    this.aVal = new Float64Array(n * this.width);
    this.logConstant = Float64Array.from(y, (yi, i) => family.logConstant(yi, trials[i]));
    this.u = new Float64Array(q);
    this.eta = new Float64Array(n);
    const first = design.random[0];
    this.b1 = first.columnNames.length;
    this.q1 = this.b1 * first.levels.length;
    let k0 = 0;
    for (const t of design.random) {
      const pt = t.columnNames.length;
      for (let i = 0; i < n; i++) {
        const base = t.zOffset + t.levelOfObservation[i] * pt;
        for (let c = 0; c < pt; c++) this.aCol[i * this.width + k0 + c] = base + c;
      }
      k0 += pt;
    }
  }

  /** A = Z Lambda(theta): within term t, row i holds x_i' T_t at its level's columns (T_t lower triangular,
   *  theta = T_t's lower triangle column by column, lme4's order). */
  setTheta(theta: ArrayLike<number>): void {
    const { n, width } = this;
    let k0 = 0;
    for (const t of this.design.random) {
      const pt = t.columnNames.length;
      const tm = new Float64Array(pt * pt);
      let o = t.thetaOffset;
      for (let c = 0; c < pt; c++) for (let r = c; r < pt; r++) tm[r + pt * c] = theta[o++];
      for (let i = 0; i < n; i++) {
        for (let c = 0; c < pt; c++) {
          let v = 0;
          for (let k = c; k < pt; k++) v += t.covariates[i + n * k] * tm[k + pt * c];
          this.aVal[i * width + k0 + c] = v;
        }
      }
      k0 += pt;
    }
  }

  /** eta = offset + X beta + A u. */
  linearPredictor(beta: ArrayLike<number>, u: ArrayLike<number>, out: Float64Array = this.eta): Float64Array {
    const { n, p, width, design } = this;
    for (let i = 0; i < n; i++) {
      let e = design.offset[i];
      for (let j = 0; j < p; j++) e += design.x[i + n * j] * beta[j];
      for (let k = 0; k < width; k++) e += this.aVal[i * width + k] * u[this.aCol[i * width + k]];
      out[i] = e;
    }
    return out;
  }

  /** -2 sum log p(y | eta), normalizing constants included. */
  minusTwoLogLik(eta: Float64Array): number {
    const { family, y, trials } = this.design;
    let s = 0;
    for (let i = 0; i < this.n; i++) s += family.logKernel(y[i], trials[i], eta[i]) + this.logConstant[i];
    return -2 * s;
  }

  /**
   * Solves for the conditional modes at (theta, beta) (after setTheta), or jointly for (u, beta) with
   * `withBeta` (lme4's nAGQ = 0 stage), starting from the current u. Returns the minimized D, log |L|^2 of
   * the u block at the mode, and beta (the given one, or the joint solution).
   */
  solve(beta: Float64Array, withBeta: boolean): { d: number; logDetL: number; beta: Float64Array; diagonal: Float64Array } {
    const { q, p, n, width, design } = this;
    const { family, y, trials, x } = design;
    const dim = withBeta ? q + p : q;
    let u = Float64Array.from(this.u);
    let b = Float64Array.from(beta);
    const dOf = (uu: Float64Array, bb: Float64Array): number => {
      let s = this.minusTwoLogLik(this.linearPredictor(bb, uu));
      for (let k = 0; k < q; k++) s += uu[k] * uu[k];
      return s;
    };
    let d = dOf(u, b);
    if (!Number.isFinite(d)) {
      u = new Float64Array(q);
      d = dOf(u, b);
    }
    const h = new Float64Array(dim * dim);
    const g = new Float64Array(dim);
    let fullSteps = 0;
    for (let iteration = 0; iteration < 200; iteration++) {
      const eta = this.linearPredictor(b, u);
      h.fill(0);
      g.fill(0);
      for (let k = 0; k < q; k++) {
        h[k + dim * k] = 1;
        g[k] = -u[k];
      }
      for (let i = 0; i < n; i++) {
        const w = family.weight(trials[i], eta[i]);
        const s = family.score(y[i], trials[i], eta[i]);
        const row = i * width;
        for (let a = 0; a < width; a++) {
          const ca = this.aCol[row + a];
          const va = this.aVal[row + a];
          g[ca] += va * s;
          for (let c = 0; c < width; c++) {
            const cc = this.aCol[row + c];
            if (cc >= ca) h[cc + dim * ca] += w * va * this.aVal[row + c];
          }
          if (withBeta) for (let j = 0; j < p; j++) h[q + j + dim * ca] += w * va * x[i + n * j];
        }
        if (withBeta) {
          for (let j = 0; j < p; j++) {
            const xij = x[i + n * j];
            g[q + j] += xij * s;
            for (let l = j; l < p; l++) h[q + l + dim * (q + j)] += w * xij * x[i + n * l];
          }
        }
      }
      const chol = new BlockedCholesky(h, dim, this.q1, this.b1);
      if (!chol.positiveDefinite) break;
      const delta = chol.solve(g);
      // Newton decrement g' delta: twice the predicted decrease of D / 2.
      let decrement = 0;
      for (let k = 0; k < dim; k++) decrement += g[k] * delta[k];
      if (!(decrement > 0)) break;
      // Near the mode take full Newton steps until the step itself is negligible: the Laplace deviance
      // is not stationary in u (log |L|^2 moves with u), so u must be exact, not just D minimal; D cannot
      // resolve that (it is flat to first order), Newton's quadratic convergence can.
      if (decrement < 1e-6 * (1 + Math.abs(d))) {
        let maxStep = 0;
        for (let k = 0; k < dim; k++) maxStep = Math.max(maxStep, Math.abs(delta[k]));
        for (let k = 0; k < q; k++) u[k] += delta[k];
        if (withBeta) for (let j = 0; j < p; j++) b[j] += delta[q + j];
        d = dOf(u, b);
        if (maxStep < 1e-11 || ++fullSteps >= 8) break;
        continue;
      }
      let step = 1;
      let accepted = false;
      for (let halving = 0; halving < 30; halving++, step /= 2) {
        const uNew = Float64Array.from(u, (v, k) => v + step * delta[k]);
        const bNew = withBeta ? Float64Array.from(b, (v, j) => v + step * delta[q + j]) : b;
        const dNew = dOf(uNew, bNew);
        if (dNew <= d) {
          u = uNew;
          b = bNew;
          d = dNew;
          accepted = true;
          break;
        }
      }
      if (!accepted) break;
    }
    this.u = u;
    // log |L|^2 of the u block at the final mode (the factor's leading q x q block is L).
    const eta = this.linearPredictor(b, u);
    const huu = new Float64Array(q * q);
    for (let k = 0; k < q; k++) huu[k + q * k] = 1;
    for (let i = 0; i < n; i++) {
      const w = family.weight(trials[i], eta[i]);
      const row = i * width;
      for (let a = 0; a < width; a++) {
        const ca = this.aCol[row + a];
        for (let c = 0; c < width; c++) {
          const cc = this.aCol[row + c];
          if (cc >= ca) huu[cc + q * ca] += w * this.aVal[row + a] * this.aVal[row + c];
        }
      }
    }
    const l = new BlockedCholesky(huu, q, this.q1, this.b1);
    return { d, logDetL: l.logDeterminant, beta: b, diagonal: l.diagonal() };
  }
}
