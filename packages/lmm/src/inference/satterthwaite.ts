import { fSf, twoSidedTPValue } from "@biomarker/numerics";
import { bilinear, crossprod, multiply, symmetricEigen, symmetricPseudoInverse } from "./dense.js";
import { type InferenceModel, type MarginalMoments, applyProjection, denseZ, marginalMoments } from "./marginalModel.js";
import { applyForm, pairwiseTraces, projectZFor, sandwichForm, thetaSigmaDerivatives, traceWith } from "./varianceDerivatives.js";

/**
 * Satterthwaite's approximation (Satterthwaite 1946; Giesbrecht & Burns 1985) as lmerTest computes it
 * (Kuznetsova et al. 2017, sec. 3.2), with analytic instead of numerical derivatives. For a contrast l:
 *
 *   df = 2 (l' C l)^2 / (g' A g),   g_i = l' (dC/dphi_i) l,   A = 2 H^{-1},
 *
 * phi = (theta, sigma), C = (X' V^{-1} X)^{-1}, H the Hessian of the -2 log-likelihood (REML or ML, as
 * fitted) in phi with beta at its GLS value. Analytic forms (Harville 1977; Searle, Casella & McCulloch
 * 1992, ch. 6), with S = P under REML and S = V^{-1} under ML:
 *
 *   H_ij = -tr(S V_i S V_j) + tr(S V_ij) + 2 y'P V_i P V_j P y - y'P V_ij P y
 *   dC/dphi_i = C X' V^{-1} V_i V^{-1} X C
 *
 * The inverse is lmerTest's Moore-Penrose inverse keeping eigenvalues > 1e-8, which matters on singular
 * fits. At an interior optimum the df do not depend on the parameterization; at the boundary they do, and
 * (theta, sigma) is kept so that singular fits match lmerTest too.
 */
export interface SatterthwaiteSetup {
  readonly model: InferenceModel;
  readonly moments: MarginalMoments;
  /** Hessian H of the deviance in (theta, sigma). */
  readonly hessian: Float64Array;
  /** A = 2 H^+ (asymptotic covariance of the variance parameters). */
  readonly varparCovariance: Float64Array;
  /** Number of variance parameters, m = length(theta) + 1. */
  readonly nVarpar: number;
  /** Eigenvalues of H at or below 1e-8 (not inverted; lmerTest warns about them). */
  readonly nonPositiveEigenvalues: number;
  /** K_i = X' V^{-1} V_i V^{-1} X, so that dC/dphi_i = C K_i C. */
  readonly jacobianKernels: readonly Float64Array[];
}

/** lmerTest's tolerance on the Hessian eigenvalues. */
const HESSIAN_TOLERANCE = 1e-8;

export function satterthwaiteSetup(model: InferenceModel): SatterthwaiteSetup {
  const { n, p, q } = model;
  const z = denseZ(model);
  const moments = marginalMoments(model, model.theta, model.sigma, z);
  const { first, second, count: m } = thetaSigmaDerivatives(model, model.theta, model.sigma);
  const kit = projectZFor(moments, model.reml ? "projection" : "vInverse");
  const py = moments.projectedY;
  const u = crossprod(z, py, n, q, 1);
  let pyNorm2 = 0;
  for (let i = 0; i < n; i++) pyNorm2 += py[i] * py[i];
  const traces = pairwiseTraces(kit, first, q);
  const r = first.map((f) => applyForm(f, z, py, n, q));
  const pr = r.map((ri) => applyProjection(moments, ri, 1));
  const hessian = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      const vij = second(i, j);
      let rPr = 0;
      for (let k = 0; k < n; k++) rPr += r[i][k] * pr[j][k];
      const yPVijPy = bilinear(u, vij.d, u, q) + vij.c * pyNorm2;
      const h = -traces[i + m * j] + traceWith(kit, vij, q) + 2 * rPr - yPVijPy;
      hessian[i + m * j] = h;
      hessian[j + m * i] = h;
    }
  }
  const { inverse, rank } = symmetricPseudoInverse(hessian, m, HESSIAN_TOLERANCE);
  const varparCovariance = inverse.map((v) => 2 * v);
  const ztt = crossprod(z, moments.vInverseX, n, q, p);
  const ttt = crossprod(moments.vInverseX, moments.vInverseX, n, p, p);
  const jacobianKernels = first.map((f) => sandwichForm(f, ztt, ttt, q, p));
  return { model, moments, hessian, varparCovariance, nVarpar: m, nonPositiveEigenvalues: m - rank, jacobianKernels };
}

/** A t test of one linear combination l' beta against 0. */
export interface ContrastTest {
  readonly estimate: number;
  readonly stdError: number;
  /** Denominator degrees of freedom, null when undefined (zero gradient of the variance). */
  readonly df: number | null;
  readonly statistic: number;
  readonly pValue: number | null;
}

/** Gradient of l' C l in phi: g_i = (C l)' K_i (C l). */
function varianceGradient(setup: SatterthwaiteSetup, l: ArrayLike<number>): Float64Array {
  const p = setup.model.p;
  const a = multiply(setup.moments.vcovBeta, Float64Array.from(l), p, p, 1);
  return Float64Array.from(setup.jacobianKernels, (k) => bilinear(a, k, a, p));
}

/** Satterthwaite df of l' beta: 2 (l'Cl)^2 / (g' A g). */
export function satterthwaiteDf(setup: SatterthwaiteSetup, l: ArrayLike<number>): number | null {
  const p = setup.model.p;
  const variance = bilinear(l, setup.moments.vcovBeta, l, p);
  const g = varianceGradient(setup, l);
  const denominator = bilinear(g, setup.varparCovariance, g, setup.nVarpar);
  return denominator > 0 ? (2 * variance * variance) / denominator : null;
}

/** t test of l' beta with Satterthwaite df (lmerTest's contest1D). */
export function satterthwaiteTest(setup: SatterthwaiteSetup, l: ArrayLike<number>): ContrastTest {
  const { p, beta } = setup.model;
  let estimate = 0;
  for (let k = 0; k < p; k++) estimate += l[k] * beta[k];
  const stdError = Math.sqrt(bilinear(l, setup.moments.vcovBeta, l, p));
  const df = satterthwaiteDf(setup, l);
  const statistic = estimate / stdError;
  return { estimate, stdError, df, statistic, pValue: df === null ? null : twoSidedTPValue(statistic, df) };
}

/** An F test of L beta = 0 for an r x p hypothesis matrix L. */
export interface FTest {
  readonly numDf: number;
  readonly denDf: number | null;
  readonly statistic: number;
  readonly pValue: number | null;
}

/**
 * Fai & Cornelius (1996) F test with Satterthwaite df, as lmerTest's contestMD: rotate L by the eigenvectors
 * of L C L' (eigenvalues d_m > sqrt(eps) d_1 kept, q of them) into q independent contrasts, F = sum t_m^2 / q,
 * nu_m = 2 d_m^2 / (g_m' A g_m), E = sum nu_m / (nu_m - 2), denominator df 2E / (E - q) (2 if any nu_m <= 2).
 * `rows` holds the r rows of L, each of length p.
 */
export function satterthwaiteFTest(setup: SatterthwaiteSetup, rows: readonly ArrayLike<number>[]): FTest {
  const { p, beta } = setup.model;
  const r = rows.length;
  const lc = rows.map((l) => multiply(setup.moments.vcovBeta, Float64Array.from(l), p, p, 1));
  const vl = new Float64Array(r * r);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) {
    let s = 0;
    for (let k = 0; k < p; k++) s += rows[i][k] * lc[j][k];
    vl[i + r * j] = s;
  }
  const { values, vectors } = symmetricEigen(vl, r);
  const tolerance = Math.max(Math.sqrt(2.220446049250313e-16) * values[0], 0);
  const rotated: Float64Array[] = [];
  const d: number[] = [];
  for (let m = 0; m < r; m++) {
    if (!(values[m] > tolerance)) continue;
    const row = new Float64Array(p);
    for (let i = 0; i < r; i++) for (let k = 0; k < p; k++) row[k] += vectors[i + r * m] * rows[i][k];
    rotated.push(row);
    d.push(values[m]);
  }
  const q = rotated.length;
  if (q === 0) return { numDf: 0, denDf: null, statistic: Number.NaN, pValue: null };
  if (q === 1) {
    const t = satterthwaiteTest(setup, rotated[0]);
    const statistic = t.statistic * t.statistic;
    return { numDf: 1, denDf: t.df, statistic, pValue: t.df === null ? null : fSf(statistic, 1, t.df) };
  }
  let sumT2 = 0;
  const nu: (number | null)[] = [];
  rotated.forEach((l, m) => {
    let est = 0;
    for (let k = 0; k < p; k++) est += l[k] * beta[k];
    sumT2 += (est * est) / d[m];
    const g = varianceGradient(setup, l);
    const denominator = bilinear(g, setup.varparCovariance, g, setup.nVarpar);
    nu.push(denominator > 0 ? (2 * d[m] * d[m]) / denominator : null);
  });
  const statistic = sumT2 / q;
  const denDf = combinedDf(nu);
  return { numDf: q, denDf, statistic, pValue: denDf === null ? null : fSf(statistic, q, denDf) };
}

/** lmerTest's get_Fstat_ddf: mean when all nu agree to 1e-8, else 2E/(E - q) with E = sum nu/(nu - 2). */
function combinedDf(nu: readonly (number | null)[]): number | null {
  if (nu.some((v) => v === null)) return null;
  const values = nu as number[];
  if (values.every((v, i) => i === 0 || Math.abs(v - values[i - 1]) < 1e-8)) return values.reduce((a, b) => a + b, 0) / values.length;
  if (values.some((v) => v <= 2)) return 2;
  const e = values.reduce((s, v) => s + v / (v - 2), 0);
  return (2 * e) / (e - values.length);
}
