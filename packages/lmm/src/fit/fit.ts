import type { ModelDesign } from "../design/design.js";
import { termFactor, thetaLowerBounds, thetaStart } from "../design/thetaLayout.js";
import { mlDeviance, profiledSigma, remlCriterion } from "./criterion.js";
import { invertLower } from "./blockedCholesky.js";
import type { CriterionParts, LmmModel } from "./model.js";
import { optimizeTheta } from "./optimize.js";
import { PenalizedLeastSquares } from "./pls.js";

/** Diagnostics of the optimization, used for warnings and `converged`. */
export interface OptimizationReport {
  readonly evaluations: number;
  readonly converged: boolean;
  /** max over free parameters of min(|scaled gradient|, |gradient|), lme4's checkConv statistic. */
  readonly maxGradient: number;
  readonly message: string;
}

export interface FittedModel {
  readonly model: LmmModel;
  /** (R_X' R_X)^{-1} at the optimum, p x p column-major. */
  readonly unscaledVcov: Float64Array;
  readonly criterion: number;
  readonly parts: CriterionParts;
  readonly optimization: OptimizationReport;
  readonly pls: PenalizedLeastSquares;
}

/** The profiled criterion of the PLS structure at theta (REML eq 41 or ML eq 34). */
export function criterionParts(pls: PenalizedLeastSquares, theta: ArrayLike<number>, reml: boolean): CriterionParts {
  if (!pls.factorize(theta)) return { logDetL: NaN, logDetRX: NaN, pwrss: NaN, criterion: Infinity };
  const logDetL = pls.logDetL();
  const logDetRX = pls.logDetRX();
  const pwrss = pls.pwrss();
  const criterion = reml ? remlCriterion(logDetL, logDetRX, pwrss, pls.n, pls.p) : mlDeviance(logDetL, pwrss, pls.n);
  return { logDetL, logDetRX, pwrss, criterion };
}

/** The criterion alone, allocation-free: the optimizer's objective. */
export function criterionValue(pls: PenalizedLeastSquares, theta: ArrayLike<number>, reml: boolean): number {
  if (!pls.factorize(theta)) return Infinity;
  const logDetL = pls.logDetL();
  const pwrss = pls.pwrss();
  return reml ? remlCriterion(logDetL, pls.logDetRX(), pwrss, pls.n, pls.p) : mlDeviance(logDetL, pwrss, pls.n);
}

/**
 * Fits the design to the response y by minimizing the profiled criterion over theta (lme4's start:
 * identity T_i), then assembles the model object. `pls` may be passed to reuse a structure built for
 * the same design (batches); its response is replaced.
 */
export function fitDesign(
  design: ModelDesign,
  y: ArrayLike<number>,
  reml: boolean,
  start?: ArrayLike<number>,
  reuse?: PenalizedLeastSquares,
): FittedModel {
  const pls = reuse ?? new PenalizedLeastSquares(design.x, design.n, design.p, design.random);
  pls.setResponse(y);
  const lower = thetaLowerBounds(design.random);
  const f = (theta: Float64Array): number => criterionValue(pls, theta, reml);
  const optimum = optimizeTheta(f, start ?? thetaStart(design.random), lower);
  const theta = optimum.theta;
  const parts = criterionParts(pls, theta, reml);
  const { model, unscaledVcov } = modelAt(design, pls, reml, theta);
  return { model, unscaledVcov, criterion: parts.criterion, parts, optimization: optimum.report, pls };
}

/** beta, u, b, sigma and the unscaled vcov (R_X' R_X)^{-1} from the factorization currently in `pls`. */
function estimatesFromFactor(pls: PenalizedLeastSquares, reml: boolean) {
  const beta = new Float64Array(pls.p);
  const u = new Float64Array(pls.q);
  pls.solve(beta, u);
  const b = new Float64Array(pls.q);
  pls.lambdaTimes(u, b);
  const sigma = profiledSigma(pls.pwrss(), pls.n, pls.p, reml);
  // (R_X'R_X)^{-1} = L_XX^{-T} L_XX^{-1}, L_XX = the X block of L22.
  const p = pls.p;
  const inv = new Float64Array(p * p);
  invertLower(pls.l22, pls.q2 + pls.m * pls.q2, pls.m, p, inv);
  const unscaledVcov = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let c = 0; c < p; c++) {
      let s = 0;
      for (let r = Math.max(a, c); r < p; r++) s += inv[r + p * a] * inv[r + p * c];
      unscaledVcov[a + p * c] = s;
    }
  }
  return { beta, u, b, sigma, unscaledVcov };
}

function modelAt(
  design: ModelDesign,
  pls: PenalizedLeastSquares,
  reml: boolean,
  theta: Float64Array,
): { model: LmmModel; unscaledVcov: Float64Array } {
  criterionParts(pls, theta, reml);
  const est = estimatesFromFactor(pls, reml);
  const y = Float64Array.from(pls.y);
  // Fresh structure for the model's own functions, so later reuse of `pls` by a batch cannot change them.
  let own: PenalizedLeastSquares | null = null;
  const structure = (): PenalizedLeastSquares => {
    if (!own) {
      own = new PenalizedLeastSquares(design.x, design.n, design.p, design.random);
      own.setResponse(y);
    }
    return own;
  };
  // One structure shared by all refits to new responses (each refit sets its response first).
  let refitStructure: PenalizedLeastSquares | null = null;
  const model: LmmModel = {
    reml,
    n: design.n,
    p: design.p,
    q: pls.q,
    x: design.x,
    fixedNames: design.fixedNames,
    y,
    terms: design.random,
    thetaLower: thetaLowerBounds(design.random),
    theta: Float64Array.from(theta),
    beta: est.beta,
    sigma: est.sigma,
    u: est.u,
    b: est.b,
    zDense: () => denseZ(design),
    lambda: (t) => denseLambda(design, t),
    criterionAt: (t) => criterionParts(structure(), t, reml),
    estimatesAt: (t) => {
      const s = structure();
      if (!s.factorize(t)) throw new Error("the fixed-effects block is singular at this theta");
      const e = estimatesFromFactor(s, reml);
      return { beta: e.beta, sigma: e.sigma, unscaledVcov: e.unscaledVcov };
    },
    refit: (newY) => {
      refitStructure ??= new PenalizedLeastSquares(design.x, design.n, design.p, design.random);
      return fitDesign({ ...design, y: Float64Array.from(newY) }, newY, reml, theta, refitStructure).model;
    },
    refitWith: (options) => fitDesign(design, y, options.reml, theta).model,
  };
  return { model, unscaledVcov: est.unscaledVcov };
}

function denseZ(design: ModelDesign): Float64Array {
  const n = design.n;
  const q = design.random.reduce((s, t) => s + t.columnNames.length * t.levels.length, 0);
  const z = new Float64Array(n * q);
  for (const t of design.random) {
    const pt = t.columnNames.length;
    for (let i = 0; i < n; i++) {
      const col0 = t.zOffset + t.levelOfObservation[i] * pt;
      for (let k = 0; k < pt; k++) z[i + n * (col0 + k)] = t.covariates[i + n * k];
    }
  }
  return z;
}

function denseLambda(design: ModelDesign, theta: ArrayLike<number>): Float64Array {
  const q = design.random.reduce((s, t) => s + t.columnNames.length * t.levels.length, 0);
  const lambda = new Float64Array(q * q);
  for (const t of design.random) {
    const pt = t.columnNames.length;
    const tf = termFactor(theta, t.thetaOffset, pt);
    for (let level = 0; level < t.levels.length; level++) {
      const o = t.zOffset + level * pt;
      for (let j = 0; j < pt; j++) for (let i = j; i < pt; i++) lambda[o + i + q * (o + j)] = tf[i + pt * j];
    }
  }
  return lambda;
}
