import { crossprod, multiply, trace, traceOfProduct } from "./dense.js";
import {
  type InferenceModel,
  type MarginalMoments,
  addKroneckerIdentity,
  applyProjection,
  applyVInverse,
  relativeCovariance,
} from "./marginalModel.js";
import { termFactor, thetaEntries } from "../design/thetaLayout.js";

/**
 * A symmetric n x n matrix of the form Z D Z' + c I_n (D q x q). Every derivative of
 * V = sigma^2 (Z Lambda Lambda' Z' + I) has this form, so traces and quadratic forms reduce to q x q work.
 */
export interface ZForm {
  readonly d: Float64Array;
  readonly c: number;
}

/** Where theta_k sits: term, row and column of T_i. */
interface ThetaSlot {
  readonly termIndex: number;
  readonly row: number;
  readonly column: number;
}

function thetaSlots(model: InferenceModel): ThetaSlot[] {
  return thetaEntries(model.terms).map((e) => ({ termIndex: e.term, row: e.row, column: e.column }));
}

/** dT T'/dT_rc = e_r e_c' T' + T e_c e_r' (pi x pi). */
function factorDerivativeBlock(t: Float64Array, pi: number, r: number, c: number): Float64Array {
  const b = new Float64Array(pi * pi);
  for (let j = 0; j < pi; j++) {
    b[r + pi * j] += t[j + pi * c];
    b[j + pi * r] += t[j + pi * c];
  }
  return b;
}

/**
 * First and second derivatives of V in lmerTest's variance parameters phi = (theta, sigma)
 * (Kuznetsova, Brockhoff & Christensen 2017, sec. 3.2). With G = Lambda Lambda' = I (x) T T' per term and
 * theta_k = T_rc:
 *   dV/dtheta_k           = sigma^2 Z G_k Z',  G_k = I (x) (e_r e_c' T' + T e_c e_r')
 *   d2V/dtheta_k dtheta_l = sigma^2 Z G_kl Z', G_kl = delta(c_k, c_l) I (x) (e_rk e_rl' + e_rl e_rk')  (same term)
 *   dV/dsigma = 2 sigma (Z G Z' + I),  d2V/dsigma^2 = 2 (Z G Z' + I),  d2V/dsigma dtheta_k = 2 sigma Z G_k Z'.
 */
export function thetaSigmaDerivatives(model: InferenceModel, theta: ArrayLike<number>, sigma: number) {
  const q = model.q;
  const slots = thetaSlots(model);
  const m = slots.length;
  const factors = model.terms.map((term) => termFactor(theta, term.thetaOffset, term.columnNames.length));
  const gk = slots.map((slot) => {
    const term = model.terms[slot.termIndex];
    const pi = term.columnNames.length;
    const d = new Float64Array(q * q);
    addKroneckerIdentity(d, q, term.zOffset, term.levels.length, factorDerivativeBlock(factors[slot.termIndex], pi, slot.row, slot.column), pi, 1);
    return d;
  });
  const g = relativeCovariance(model, theta);
  const scaled = (a: Float64Array, s: number) => a.map((v) => v * s);
  const first: ZForm[] = [...gk.map((d) => ({ d: scaled(d, sigma * sigma), c: 0 })), { d: scaled(g, 2 * sigma), c: 2 * sigma }];
  const second = (i: number, j: number): ZForm => {
    if (i === m && j === m) return { d: scaled(g, 2), c: 2 };
    if (i === m || j === m) return { d: scaled(gk[i === m ? j : i], 2 * sigma), c: 0 };
    const a = slots[i];
    const b = slots[j];
    const d = new Float64Array(q * q);
    if (a.termIndex === b.termIndex && a.column === b.column) {
      const term = model.terms[a.termIndex];
      const pi = term.columnNames.length;
      const block = new Float64Array(pi * pi);
      block[a.row + pi * b.row] += 1;
      block[b.row + pi * a.row] += 1;
      addKroneckerIdentity(d, q, term.zOffset, term.levels.length, block, pi, sigma * sigma);
    }
    return { d, c: 0 };
  };
  return { first, second, count: m + 1 };
}

/**
 * Kenward-Roger's linear parameterization (Halekoh & Hojsgaard 2014, sec. 4; pbkrtest's LMM_Sigma_G):
 * V = sum_j phi_j G_j with one phi per variance or covariance of each random-effect term and one for the
 * residual variance, so dV/dphi_j = G_j exactly and every second derivative vanishes:
 *   variance of covariate r:          G = Z (I (x) e_r e_r') Z'
 *   covariance of covariates r != c:  G = Z (I (x) (e_r e_c' + e_c e_r')) Z'
 *   residual variance:                G = I_n.
 */
export function covarianceComponents(model: InferenceModel): ZForm[] {
  const q = model.q;
  const components: ZForm[] = [];
  for (const term of model.terms) {
    const pi = term.columnNames.length;
    for (let c = 0; c < pi; c++) {
      for (let r = c; r < pi; r++) {
        const block = new Float64Array(pi * pi);
        block[r + pi * c] = 1;
        block[c + pi * r] = 1;
        const d = new Float64Array(q * q);
        addKroneckerIdentity(d, q, term.zOffset, term.levels.length, block, pi, 1);
        components.push({ d, c: 0 });
      }
    }
  }
  components.push({ d: new Float64Array(q * q), c: 1 });
  return components;
}

/** Z' S Z, (S Z)'(S Z), tr S and tr S^2 for a symmetric n x n S: what traces against Z-forms need. */
export interface ProjectedZ {
  readonly ztsz: Float64Array;
  readonly ztssz: Float64Array;
  readonly traceS: number;
  readonly traceS2: number;
}

/** From S Z (n x q) and the traces of S and S^2. */
export function projectZ(sz: Float64Array, z: Float64Array, n: number, q: number, traceS: number, traceS2: number): ProjectedZ {
  return { ztsz: crossprod(z, sz, n, q, q), ztssz: crossprod(sz, sz, n, q, q), traceS, traceS2 };
}

/** The traces for S = V^{-1} (ML, Kenward-Roger) or S = P (REML): with P = V^{-1} - T C T',
 *  tr P = tr V^{-1} - tr(C T'T) and tr P^2 = tr V^{-2} - 2 tr(C T'V^{-1}T) + tr((C T'T)^2). */
export function projectZFor(m: MarginalMoments, which: "vInverse" | "projection"): ProjectedZ {
  const { n, p, q, z } = m;
  if (which === "vInverse") return projectZ(applyVInverse(m, z, q), z, n, q, m.traceVInverse, m.traceVInverse2);
  const ttt = crossprod(m.vInverseX, m.vInverseX, n, p, p);
  const ctt = multiply(m.vcovBeta, ttt, p, p, p);
  const tvt = crossprod(m.vInverseX, applyVInverse(m, m.vInverseX, p), n, p, p);
  const traceP = m.traceVInverse - trace(ctt, p);
  const traceP2 = m.traceVInverse2 - 2 * traceOfProduct(m.vcovBeta, tvt, p) + traceOfProduct(ctt, ctt, p);
  return projectZ(applyProjection(m, z, q), z, n, q, traceP, traceP2);
}

/** tr(S F) = tr(Z'SZ D) + c tr S. */
export function traceWith(k: ProjectedZ, f: ZForm, q: number): number {
  return traceOfProduct(k.ztsz, f.d, q) + f.c * k.traceS;
}

/** Matrix of tr(S F_i S F_j) = tr(M D_i M D_j) + c_j tr(N D_i) + c_i tr(N D_j) + c_i c_j tr S^2,
 *  M = Z'SZ, N = Z'S^2 Z. */
export function pairwiseTraces(k: ProjectedZ, forms: readonly ZForm[], q: number): Float64Array {
  const m = forms.length;
  const md = forms.map((f) => multiply(k.ztsz, f.d, q, q, q));
  const nd = forms.map((f) => traceOfProduct(k.ztssz, f.d, q));
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      const v = traceOfProduct(md[i], md[j], q) + forms[j].c * nd[i] + forms[i].c * nd[j] + forms[i].c * forms[j].c * k.traceS2;
      out[i + m * j] = v;
      out[j + m * i] = v;
    }
  }
  return out;
}

/** F x for a Z-form F = Z D Z' + c I and an n-vector x. */
export function applyForm(f: ZForm, z: Float64Array, x: Float64Array, n: number, q: number): Float64Array {
  const ztx = crossprod(z, x, n, q, 1);
  const dz = multiply(f.d, ztx, q, q, 1);
  const out = multiply(z, dz, n, q, 1);
  for (let i = 0; i < n; i++) out[i] += f.c * x[i];
  return out;
}

/** A' F A for an n x k matrix A: (Z'A)' D (Z'A) + c A'A (k x k). */
export function sandwichForm(f: ZForm, zta: Float64Array, ata: Float64Array, q: number, k: number): Float64Array {
  const dza = multiply(f.d, zta, q, q, k);
  const out = crossprod(zta, dza, q, k, k);
  for (let i = 0; i < k * k; i++) out[i] += f.c * ata[i];
  return out;
}
