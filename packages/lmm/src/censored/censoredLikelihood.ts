import { OBSERVED } from "./censoredDesign.js";
import { observationTerms } from "./observationTerms.js";
import type { ProductRule } from "./quadratureRule.js";

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The numeric data of a censored model: y = X beta + offset + Z_i b_i + e per subject i, b_i = L u_i,
 * u_i ~ N(0, I_q), e ~ N(0, sigma^2). Matrices column-major; rows of subject i are
 * order[start[i]] .. order[start[i + 1] - 1].
 */
export interface CensoredModelData {
  readonly n: number;
  readonly p: number;
  /** Random effects per subject (0: no random effect; the whole sample is one "subject"). */
  readonly q: number;
  readonly x: Float64Array;
  readonly z: Float64Array;
  /** Observed value, or the limit of a censored observation. */
  readonly y: Float64Array;
  readonly censoring: Uint8Array;
  readonly offset: Float64Array | null;
  readonly order: Int32Array;
  readonly start: Int32Array;
}

/** Parameter vector: [beta (p), log sigma, L's lower triangle column by column (q (q + 1) / 2)]. */
export const parameterCount = (p: number, q: number) => p + 1 + (q * (q + 1)) / 2;

/**
 * Marginal log-likelihood by adaptive Gauss-Hermite quadrature (Liu & Pierce 1994; Pinheiro & Bates 1995).
 * Subject i: h(u) = sum_j l_j(eta_j + z_j' L u) - |u|^2 / 2 (plus -q/2 log 2 pi), with mode u^ and
 * -h''(u^) = R R'; with u = u^ + A z, A = R^-T,
 *   log L_i = log|A| + log sum_k w_k exp(h(u^ + A z_k) + |z_k|^2 / 2)
 * (the normal constants cancel). One node is the Laplace approximation; for a Gaussian integrand (nothing
 * censored) every rule is exact. The gradient is that of the quadrature sum at fixed nodes,
 * d log L_i = sum_k pi_k dh(u_k), pi_k the normalised terms: the derivative of the integral itself,
 * accurate to the rule's error once the rule integrates the score's quadratic terms in u (so at least
 * 3 nodes per random effect; see nodeChoice.ts).
 */
export class CensoredLikelihood {
  readonly nSubjects: number;
  readonly npar: number;
  /** Conditional modes u^ (nSubjects x q) and the scale factors A (q x q per subject, upper triangular). */
  readonly modes: Float64Array;
  readonly scales: Float64Array;
  readonly logDetScales: Float64Array;
  evaluations = 0;
  private readonly eta: Float64Array;
  private readonly w: Float64Array;
  private readonly firstDerivatives: Float64Array;
  private readonly nodeLog: Float64Array;
  private readonly nodeU: Float64Array;
  private readonly sigmaTerms: Float64Array;
  private readonly terms = new Float64Array(4);
  private readonly lower: Float64Array;
  private readonly linear: Float64Array;
  private readonly quadratic: Float64Array;
  private readonly scratch: Float64Array;
  private readonly censoredRows: Int32Array;

  constructor(
    readonly data: CensoredModelData,
    readonly rule: ProductRule,
  ) {
    const { q } = data;
    this.nSubjects = data.start.length - 1;
    this.npar = parameterCount(data.p, q);
    let largest = 0;
    for (let i = 0; i < this.nSubjects; i++) largest = Math.max(largest, data.start[i + 1] - data.start[i]);
    this.modes = new Float64Array(this.nSubjects * q);
    this.scales = new Float64Array(this.nSubjects * q * q);
    this.logDetScales = new Float64Array(this.nSubjects);
    this.eta = new Float64Array(largest);
    this.w = new Float64Array(largest * q);
    this.firstDerivatives = new Float64Array(largest * rule.size);
    this.nodeLog = new Float64Array(rule.size);
    this.nodeU = new Float64Array(rule.size * q);
    this.sigmaTerms = new Float64Array(rule.size);
    this.lower = new Float64Array(q * q);
    this.linear = new Float64Array(q);
    this.quadratic = new Float64Array(q * q);
    this.scratch = new Float64Array(q);
    this.censoredRows = new Int32Array(largest);
  }

  /**
   * log-likelihood at theta; fills gradient when given. With adapt (the default) every subject's mode and
   * scale are found anew at theta; without, the stored ones are reused (a smooth function of theta, used
   * for the finite-difference Hessian).
   */
  evaluate(theta: Float64Array, gradient: Float64Array | null = null, adapt = true): number {
    if (gradient && this.rule.size === 1 && this.data.q > 0) return this.laplaceWithGradient(theta, gradient);
    this.evaluations++;
    const { p, q } = this.data;
    const logSigma = theta[p];
    const sigma = Math.exp(logSigma);
    const lower = this.lower;
    lower.fill(0);
    for (let b = 0, k = p + 1; b < q; b++) for (let a = b; a < q; a++) lower[a + b * q] = theta[k++];
    if (gradient) gradient.fill(0);
    let total = 0;
    for (let i = 0; i < this.nSubjects; i++) {
      this.prepareSubject(i, theta, lower);
      if (adapt) this.adaptSubject(i, sigma, logSigma);
      const value = this.subjectQuadrature(i, sigma, logSigma, gradient);
      if (!Number.isFinite(value)) return -Infinity;
      total += value;
    }
    return total;
  }

  /**
   * The Laplace approximation (one node) depends on theta through the mode and the curvature too, so the
   * fixed-node derivative (which integrates only polynomials of degree 1 exactly) is not its gradient:
   * central differences of the adapted approximation, step 1e-6 max(1, |theta_i|), instead.
   */
  private laplaceWithGradient(theta: Float64Array, gradient: Float64Array): number {
    const value = this.evaluate(theta);
    const shifted = Float64Array.from(theta);
    for (let i = 0; i < theta.length; i++) {
      const h = 1e-6 * Math.max(1, Math.abs(theta[i]));
      shifted[i] = theta[i] + h;
      const plus = this.evaluate(shifted);
      shifted[i] = theta[i] - h;
      const minus = this.evaluate(shifted);
      shifted[i] = theta[i];
      gradient[i] = (plus - minus) / (2 * h);
    }
    this.evaluate(theta);
    return value;
  }

  /** eta_j = x_j' beta + offset_j and w_j = L' z_j for the rows of subject i. */
  private prepareSubject(i: number, theta: Float64Array, lower: Float64Array): void {
    const { n, p, q, x, z, offset, order, start } = this.data;
    for (let s = start[i], j = 0; s < start[i + 1]; s++, j++) {
      const row = order[s];
      let eta = offset ? offset[row] : 0;
      for (let c = 0; c < p; c++) eta += x[row + c * n] * theta[c];
      this.eta[j] = eta;
      for (let b = 0; b < q; b++) {
        let wb = 0;
        for (let a = b; a < q; a++) wb += lower[a + b * q] * z[row + a * n];
        this.w[j * q + b] = wb;
      }
    }
  }

  /** h(u) = sum_j l_j(eta_j + w_j' u) - |u|^2 / 2 for the rows of subject i; fills gradient and -Hessian when given. */
  private subjectLogIntegrand(i: number, u: Float64Array, uOffset: number, sigma: number, logSigma: number, grad: Float64Array | null, negHess: Float64Array | null): number {
    const { q, y, censoring, order, start } = this.data;
    const terms = this.terms;
    let h = 0;
    for (let a = 0; a < q; a++) h -= 0.5 * u[uOffset + a] * u[uOffset + a];
    if (grad) for (let a = 0; a < q; a++) grad[a] = -u[uOffset + a];
    if (negHess) {
      negHess.fill(0);
      for (let a = 0; a < q; a++) negHess[a + a * q] = 1;
    }
    for (let s = start[i], j = 0; s < start[i + 1]; s++, j++) {
      const row = order[s];
      let mu = this.eta[j];
      for (let a = 0; a < q; a++) mu += this.w[j * q + a] * u[uOffset + a];
      observationTerms(censoring[row], y[row], mu, sigma, logSigma, terms);
      h += terms[0];
      if (grad) for (let a = 0; a < q; a++) grad[a] += terms[1] * this.w[j * q + a];
      if (negHess) {
        for (let b = 0; b < q; b++) for (let a = b; a < q; a++) negHess[a + b * q] -= terms[2] * this.w[j * q + a] * this.w[j * q + b];
      }
    }
    return h;
  }

  /** Newton's method with step halving for the mode of the (strictly concave) h, then A = R^-T from -h'' = R R'. */
  private adaptSubject(i: number, sigma: number, logSigma: number): void {
    const q = this.data.q;
    if (q === 0) return;
    const u = this.modes;
    const off = i * q;
    const grad = new Float64Array(q);
    const negHess = new Float64Array(q * q);
    const trial = new Float64Array(q);
    let h = this.subjectLogIntegrand(i, u, off, sigma, logSigma, grad, negHess);
    if (!Number.isFinite(h)) {
      for (let a = 0; a < q; a++) u[off + a] = 0;
      h = this.subjectLogIntegrand(i, u, off, sigma, logSigma, grad, negHess);
    }
    for (let iteration = 0; iteration < 100; iteration++) {
      const step = solveCholesky(negHess, q, grad);
      let size = 0;
      for (let a = 0; a < q; a++) size = Math.max(size, Math.abs(step[a]));
      if (size < 1e-11) break;
      let t = 1;
      let accepted = false;
      for (let halving = 0; halving < 40; halving++, t /= 2) {
        for (let a = 0; a < q; a++) trial[a] = u[off + a] + t * step[a];
        const hTrial = this.subjectLogIntegrand(i, trial, 0, sigma, logSigma, null, null);
        if (hTrial >= h - 1e-13 * Math.abs(h)) {
          for (let a = 0; a < q; a++) u[off + a] = trial[a];
          accepted = true;
          break;
        }
      }
      if (!accepted) break;
      h = this.subjectLogIntegrand(i, u, off, sigma, logSigma, grad, negHess);
      if (t * size < 1e-11) break;
    }
    // A = R^-T with R R' = -h''(u^): upper triangular, column-major.
    const r = choleskyLower(negHess, q);
    const a = this.scales.subarray(i * q * q, (i + 1) * q * q);
    a.fill(0);
    let logDet = 0;
    for (let c = 0; c < q; c++) {
      logDet -= Math.log(r[c + c * q]);
      // column c of R^-1 (lower): solve R v = e_c; A = (R^-1)' so A[row, col] = R^-1[col, row].
      const v = new Float64Array(q);
      for (let row = c; row < q; row++) {
        let sum = row === c ? 1 : 0;
        for (let k = c; k < row; k++) sum -= r[row + k * q] * v[k];
        v[row] = sum / r[row + row * q];
      }
      for (let row = c; row < q; row++) a[c + row * q] = v[row];
    }
    this.logDetScales[i] = logDet;
  }

  /**
   * log L_i by the rule around the stored mode and scale; adds d log L_i / d theta to gradient.
   * The observed rows enter h(u) as one quadratic, c0 + g'u - u'Gu/2 (e_j = y_j - eta_j:
   * c0 = -n_o (log sigma + log(2 pi)/2) - sum e_j^2 / (2 sigma^2), g = sum e_j w_j / sigma^2,
   * G = sum w_j w_j' / sigma^2), so a node costs O(q^2) plus its censored rows; their gradient needs only
   * the quadrature mean ubar and second moment M of u: sum_k pi_k dl_j/dmu = (e_j - w_j'ubar) / sigma^2,
   * sum_k pi_k dl_j/dmu u_k = (e_j ubar - M w_j) / sigma^2, sum_k pi_k dl_j/dlog sigma = (e_j^2 - 2 e_j w_j'ubar + w_j'M w_j) / sigma^2 - 1.
   */
  private subjectQuadrature(i: number, sigma: number, logSigma: number, gradient: Float64Array | null): number {
    const { n, p, q, x, z, y, censoring, order, start } = this.data;
    const rule = this.rule;
    const K = rule.size;
    const scaleOffset = i * q * q;
    const terms = this.terms;
    const nI = start[i + 1] - start[i];
    const s2 = sigma * sigma;
    // Quadratic of the observed rows.
    let c0 = 0;
    const g = this.linear;
    const G = this.quadratic;
    g.fill(0);
    G.fill(0);
    let nCensored = 0;
    for (let j = 0; j < nI; j++) {
      const row = order[start[i] + j];
      if (censoring[row] !== OBSERVED) {
        this.censoredRows[nCensored++] = j;
        continue;
      }
      const e = y[row] - this.eta[j];
      c0 -= logSigma + HALF_LOG_2PI + (0.5 * e * e) / s2;
      for (let a = 0; a < q; a++) {
        const wa = this.w[j * q + a];
        g[a] += (e * wa) / s2;
        for (let b = 0; b < q; b++) G[a + b * q] += (wa * this.w[j * q + b]) / s2;
      }
    }
    let maxLog = -Infinity;
    for (let k = 0; k < K; k++) {
      let h = rule.logWeights[k] + c0;
      for (let r = 0; r < q; r++) {
        let ur = this.modes[i * q + r];
        for (let c = r; c < q; c++) ur += this.scales[scaleOffset + r + c * q] * rule.nodes[k * q + c];
        this.nodeU[k * q + r] = ur;
      }
      for (let a = 0; a < q; a++) {
        const ua = this.nodeU[k * q + a];
        let gu = 0;
        for (let b = 0; b < q; b++) gu += G[a + b * q] * this.nodeU[k * q + b];
        h += ua * (g[a] - 0.5 * gu) - 0.5 * ua * ua;
      }
      let sigmaTerm = 0;
      for (let c = 0; c < nCensored; c++) {
        const j = this.censoredRows[c];
        const row = order[start[i] + j];
        let mu = this.eta[j];
        for (let r = 0; r < q; r++) mu += this.w[j * q + r] * this.nodeU[k * q + r];
        observationTerms(censoring[row], y[row], mu, sigma, logSigma, terms);
        h += terms[0];
        this.firstDerivatives[c * K + k] = terms[1];
        sigmaTerm += terms[3];
      }
      this.sigmaTerms[k] = sigmaTerm;
      this.nodeLog[k] = h;
      if (h > maxLog) maxLog = h;
    }
    if (!Number.isFinite(maxLog)) return -Infinity;
    let sum = 0;
    for (let k = 0; k < K; k++) {
      this.nodeLog[k] = Math.exp(this.nodeLog[k] - maxLog);
      sum += this.nodeLog[k];
    }
    if (gradient) {
      const pi = this.nodeLog;
      for (let k = 0; k < K; k++) pi[k] /= sum;
      const mean = this.linear;
      const moment = this.quadratic;
      mean.fill(0);
      moment.fill(0);
      let dSigma = 0;
      for (let k = 0; k < K; k++) {
        dSigma += pi[k] * this.sigmaTerms[k];
        for (let a = 0; a < q; a++) {
          const ua = pi[k] * this.nodeU[k * q + a];
          mean[a] += ua;
          for (let b = 0; b < q; b++) moment[a + b * q] += ua * this.nodeU[k * q + b];
        }
      }
      let c = 0;
      for (let j = 0; j < nI; j++) {
        const row = order[start[i] + j];
        let dMu: number;
        const tb = this.scratch;
        if (censoring[row] === OBSERVED) {
          const e = y[row] - this.eta[j];
          let wMean = 0;
          let wMw = 0;
          for (let a = 0; a < q; a++) {
            const wa = this.w[j * q + a];
            wMean += wa * mean[a];
            let mw = 0;
            for (let b = 0; b < q; b++) mw += moment[a + b * q] * this.w[j * q + b];
            wMw += wa * mw;
            tb[a] = (e * mean[a] - mw) / s2;
          }
          dMu = (e - wMean) / s2;
          dSigma += (e * e - 2 * e * wMean + wMw) / s2 - 1;
        } else {
          dMu = 0;
          for (let k = 0; k < K; k++) dMu += pi[k] * this.firstDerivatives[c * K + k];
          for (let b = 0; b < q; b++) {
            let t = 0;
            for (let k = 0; k < K; k++) t += pi[k] * this.firstDerivatives[c * K + k] * this.nodeU[k * q + b];
            tb[b] = t;
          }
          c++;
        }
        for (let col = 0; col < p; col++) gradient[col] += dMu * x[row + col * n];
        // d mu_j / d L_ab = z_ja u_b
        for (let b = 0, idx = p + 1; b < q; b++) for (let a = b; a < q; a++, idx++) gradient[idx] += z[row + a * n] * tb[b];
      }
      gradient[p] += dSigma;
    }
    return this.logDetScales[i] + maxLog + Math.log(sum);
  }
}

/** Lower Cholesky factor of a small positive-definite q x q matrix (column-major, lower triangle read). */
function choleskyLower(m: Float64Array, q: number): Float64Array {
  const r = new Float64Array(q * q);
  for (let c = 0; c < q; c++) {
    let d = m[c + c * q];
    for (let k = 0; k < c; k++) d -= r[c + k * q] * r[c + k * q];
    const root = Math.sqrt(Math.max(d, 1e-300));
    r[c + c * q] = root;
    for (let row = c + 1; row < q; row++) {
      let s = m[row + c * q];
      for (let k = 0; k < c; k++) s -= r[row + k * q] * r[c + k * q];
      r[row + c * q] = s / root;
    }
  }
  return r;
}

/** Solves M x = b for a small positive-definite M. */
function solveCholesky(m: Float64Array, q: number, b: Float64Array): Float64Array {
  const r = choleskyLower(m, q);
  const v = new Float64Array(q);
  for (let row = 0; row < q; row++) {
    let s = b[row];
    for (let k = 0; k < row; k++) s -= r[row + k * q] * v[k];
    v[row] = s / r[row + row * q];
  }
  for (let row = q - 1; row >= 0; row--) {
    let s = v[row];
    for (let k = row + 1; k < q; k++) s -= r[k + row * q] * v[k];
    v[row] = s / r[row + row * q];
  }
  return v;
}
