import { fSf, twoSidedTPValue } from "@biomarker/numerics";
import { bilinear, crossprod, inverseSpd, multiply, symmetricEigen, symmetricPseudoInverse, trace, traceOfProduct } from "./dense.js";
import { type InferenceModel, type MarginalMoments, applyVInverse, denseZ, marginalMoments } from "./marginalModel.js";
import type { ContrastTest, FTest } from "./satterthwaite.js";
import { applyForm, covarianceComponents, pairwiseTraces, projectZFor, sandwichForm } from "./varianceDerivatives.js";

/** Kenward-Roger needs the REML fit (as lmerTest and pbkrtest require). */
export class KenwardRogerNeedsRemlError extends Error {
  readonly inputError = true;
  constructor() {
    super("Kenward-Roger's method is defined for REML fits; refit with REML (drop --ml)");
    this.name = "KenwardRogerNeedsRemlError";
  }
}

/**
 * Kenward & Roger (1997) small-sample adjusted covariance of the fixed effects, in the linear
 * parameterization V = sum_j phi_j G_j of Halekoh & Hojsgaard (2014, sec. 4, pbkrtest's vcovAdj), so that
 * the second derivatives R_ij of V vanish:
 *
 *   Phi   = (X' V^{-1} X)^{-1}
 *   P_i   = -X' V^{-1} G_i V^{-1} X,           Q_ij = X' V^{-1} G_i V^{-1} G_j V^{-1} X
 *   I_ij  = tr(V^{-1} G_i V^{-1} G_j) - 2 tr(Phi Q_ij) + tr(Phi P_i Phi P_j)   (= tr(P G_i P G_j))
 *   W     = 2 I^{-1}                          (asymptotic covariance of phi from the expected information)
 *   Phi_A = Phi + 2 Phi [sum_ij W_ij (Q_ij - P_i Phi P_j)] Phi                    (KR 1997, eq. 5)
 */
export interface KenwardRogerSetup {
  readonly model: InferenceModel;
  readonly moments: MarginalMoments;
  /** Unadjusted Phi = vcov(beta), p x p. */
  readonly vcov: Float64Array;
  /** Adjusted Phi_A, p x p. */
  readonly vcovAdjusted: Float64Array;
  readonly p: readonly Float64Array[];
  readonly w: Float64Array;
  /** Number of covariance components (random-effect variances and covariances, plus the residual). */
  readonly nComponents: number;
}

export function kenwardRogerSetup(model: InferenceModel): KenwardRogerSetup {
  if (!model.reml) throw new KenwardRogerNeedsRemlError();
  const { n, p, q } = model;
  const z = denseZ(model);
  const moments = marginalMoments(model, model.theta, model.sigma, z);
  const phi = moments.vcovBeta;
  const t = moments.vInverseX;
  const components = covarianceComponents(model);
  const k = components.length;
  const ztt = crossprod(z, t, n, q, p);
  const ttt = crossprod(t, t, n, p, p);
  const pMatrices = components.map((g) => sandwichForm(g, ztt, ttt, q, p).map((v) => -v));
  // O_j = G_j V^{-1} X and V^{-1} O_j, column by column.
  const o = components.map((g) => {
    const out = new Float64Array(n * p);
    for (let c = 0; c < p; c++) out.set(applyForm(g, z, t.subarray(c * n, (c + 1) * n), n, q), c * n);
    return out;
  });
  const vo = o.map((oj) => applyVInverse(moments, oj, p));
  const qMatrix = (i: number, j: number) => crossprod(o[i], vo[j], n, p, p);
  const ktrace = pairwiseTraces(projectZFor(moments, "vInverse"), components, q);
  const phiP = pMatrices.map((pi) => multiply(phi, pi, p, p, p));
  const information = new Float64Array(k * k);
  const qs: Float64Array[][] = [];
  for (let i = 0; i < k; i++) {
    qs.push([]);
    for (let j = 0; j < k; j++) qs[i].push(qMatrix(i, j));
  }
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const v = ktrace[i + k * j] - 2 * traceOfProduct(phi, qs[i][j], p) + traceOfProduct(phiP[i], phiP[j], p);
      information[i + k * j] = v;
      information[j + k * i] = v;
    }
  }
  // pbkrtest: the inverse when the smallest |eigenvalue| exceeds 1e-10, else the Moore-Penrose inverse.
  const { values } = symmetricEigen(information, k);
  const smallest = Math.min(...Array.from(values, Math.abs));
  let inverse = smallest > 1e-10 ? inverseSpd(information, k) : null;
  if (!inverse) inverse = symmetricPseudoInverse(information, k, Math.sqrt(2.220446049250313e-16) * Math.max(...Array.from(values, Math.abs))).inverse;
  const w = inverse.map((v) => 2 * v);
  const u = new Float64Array(p * p);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const pPhiP = multiply(pMatrices[i], phiP[j], p, p, p);
      const wij = w[i + k * j];
      for (let e = 0; e < p * p; e++) u[e] += wij * (qs[i][j][e] - pPhiP[e]);
    }
  }
  const correction = multiply(multiply(phi, u, p, p, p), phi, p, p, p);
  const vcovAdjusted = phi.map((v, e) => v + 2 * correction[e]);
  // symmetrize against rounding
  for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) {
    const m = (vcovAdjusted[a + p * b] + vcovAdjusted[b + p * a]) / 2;
    vcovAdjusted[a + p * b] = m;
    vcovAdjusted[b + p * a] = m;
  }
  return { model, moments, vcov: phi, vcovAdjusted, p: pMatrices, w, nComponents: k };
}

/** A1, A2 of Kenward & Roger (1997, eq. 9) for Theta = L' (L Phi L')^{-1} L. */
function kenwardRogerA(setup: KenwardRogerSetup, rows: readonly ArrayLike<number>[]): { a1: number; a2: number } {
  const p = setup.model.p;
  const r = rows.length;
  const l = new Float64Array(r * p);
  rows.forEach((row, i) => { for (let k = 0; k < p; k++) l[i + r * k] = row[k]; });
  const phi = setup.vcov;
  const lPhi = multiply(l, phi, r, p, p);
  const lPhiLt = new Float64Array(r * r);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) {
    let s = 0;
    for (let k = 0; k < p; k++) s += lPhi[i + r * k] * l[j + r * k];
    lPhiLt[i + r * j] = s;
  }
  const middle = inverseSpd(lPhiLt, r);
  if (!middle) return { a1: Number.NaN, a2: Number.NaN };
  const theta = crossprod(l, multiply(middle, l, r, r, p), r, p, p);
  const thetaPhi = multiply(theta, phi, p, p, p);
  const ui = setup.p.map((pi) => multiply(multiply(thetaPhi, pi, p, p, p), phi, p, p, p));
  const k = setup.nComponents;
  let a1 = 0;
  let a2 = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const e = i === j ? 1 : 2;
      const wij = setup.w[i + k * j];
      a1 += e * wij * trace(ui[i], p) * trace(ui[j], p);
      a2 += e * wij * traceOfProduct(ui[i], ui[j], p);
    }
  }
  return { a1, a2 };
}

/**
 * Denominator df and F scaling of Kenward & Roger (1997, sec. 4; pbkrtest's .KR_adjust), q = rank of L:
 *   B = (A1 + 6 A2) / (2q),  g = ((q+1) A1 - (q+4) A2) / ((q+2) A2),  c1 = g/(3q + 2(1-g)),
 *   c2 = (q-g)/(3q + 2(1-g)),  c3 = (q+2-g)/(3q + 2(1-g)),
 *   rho = (1/q) ((1 - A2/q)/(1 - c2 B))^2 (1 + c1 B)/(1 - c3 B),  m = 4 + (q+2)/(q rho - 1),
 *   lambda = m (1 - A2/q) / (m - 2).
 * For q = 1 this reduces to m = 2 / A1.
 */
export function kenwardRogerDf(setup: KenwardRogerSetup, rows: readonly ArrayLike<number>[]): { df: number; scaling: number } {
  const q = rows.length;
  const { a1, a2 } = kenwardRogerA(setup, rows);
  const b = (a1 + 6 * a2) / (2 * q);
  const g = ((q + 1) * a1 - (q + 4) * a2) / ((q + 2) * a2);
  const denominator = 3 * q + 2 * (1 - g);
  const c1 = g / denominator;
  const c2 = (q - g) / denominator;
  const c3 = (q + 2 - g) / denominator;
  let v0 = 1 + c1 * b;
  const v1 = 1 - c2 * b;
  const v2 = 1 - c3 * b;
  if (Math.abs(v0) < 1e-10) v0 = 0;
  const ratio = divideZeroByZeroAsOne(1 - a2 / q, v1);
  const rho = (1 / q) * ratio * ratio * (v0 / v2);
  const df = 4 + (q + 2) / (q * rho - 1);
  const scaling = Math.abs(df - 2) < 1e-2 ? 1 : (df * (1 - a2 / q)) / (df - 2);
  return { df, scaling };
}

/** x / y, except 1 when both |x| and |y| are below 1e-14 (pbkrtest's .divZero): when the true KR df is
 *  exactly 2 (e.g. q = 1 and A1 = A2 = 1), 1 - A2/q and 1 - c2 B vanish together and the limit is 1. */
function divideZeroByZeroAsOne(x: number, y: number): number {
  return Math.abs(x) < 1e-14 && Math.abs(y) < 1e-14 ? 1 : x / y;
}

/** t test of l' beta with the adjusted standard error sqrt(l' Phi_A l) and KR df (lmerTest's KR summary). */
export function kenwardRogerTest(setup: KenwardRogerSetup, l: ArrayLike<number>): ContrastTest {
  const { p, beta } = setup.model;
  let estimate = 0;
  for (let k = 0; k < p; k++) estimate += l[k] * beta[k];
  const stdError = Math.sqrt(bilinear(l, setup.vcovAdjusted, l, p));
  const { df } = kenwardRogerDf(setup, [l]);
  const statistic = estimate / stdError;
  const ok = Number.isFinite(df) && df > 0;
  return { estimate, stdError, df: ok ? df : null, statistic, pValue: ok ? twoSidedTPValue(statistic, df) : null };
}

/** KR F test of L beta = 0: F = lambda (L beta)' (L Phi_A L')^{-1} (L beta) / q on (q, m) df. */
export function kenwardRogerFTest(setup: KenwardRogerSetup, rows: readonly ArrayLike<number>[]): FTest {
  const { p, beta } = setup.model;
  const r = rows.length;
  const lb = rows.map((row) => { let s = 0; for (let k = 0; k < p; k++) s += row[k] * beta[k]; return s; });
  const m = new Float64Array(r * r);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) m[i + r * j] = bilinear(rows[i], setup.vcovAdjusted, rows[j], p);
  const inv = inverseSpd(m, r);
  if (!inv) return { numDf: r, denDf: null, statistic: Number.NaN, pValue: null };
  const wald = bilinear(lb, inv, lb, r);
  const { df, scaling } = kenwardRogerDf(setup, rows);
  const statistic = (scaling * wald) / r;
  const ok = Number.isFinite(df) && df > 0;
  return { numDf: r, denDf: ok ? df : null, statistic, pValue: ok ? fSf(statistic, r, df) : null };
}
