import type { FamilyName } from "../family/family.js";

export interface GlmmFixedEffect {
  term: string;
  estimate: number;
  stdError: number;
  /** Wald z = estimate / stdError. */
  statistic: number;
  /** Two-sided normal p-value of z (glmer's summary). */
  pValue: number;
}

export interface GlmmVarianceComponent {
  /** Grouping factor as lme4's VarCorr names it ("herd", "subject.1" for a second term on subject). */
  group: string;
  term: string;
  variance: number;
  stdDev: number;
}

export interface GlmmCorrelation {
  group: string;
  term1: string;
  term2: string;
  correlation: number;
}

/** Conditional modes b = Lambda u of one random-effect term: modes[level][term]. */
export interface GlmmConditionalModes {
  group: string;
  terms: string[];
  levels: string[];
  modes: number[][];
}

/** The JSON contract of `biomarker glmm`: `biomarker lmm --json`'s shape plus family, link, nAGQ. */
export interface GlmmSummary {
  formula: string;
  family: FamilyName;
  link: "logit" | "log";
  /** 1 = Laplace; > 1 = adaptive Gauss-Hermite quadrature with this many nodes. */
  nAGQ: number;
  nObs: number;
  nGroups: Record<string, number>;
  converged: boolean;
  singular: boolean;
  warnings: string[];
  fixedEffects: GlmmFixedEffect[];
  varianceComponents: GlmmVarianceComponent[];
  correlations: GlmmCorrelation[];
  theta: number[];
  /** log-likelihood (Laplace or quadrature), normalizing constants of the densities included. */
  logLik: number;
  /** -2 logLik. glmer reports this for nAGQ = 1; for nAGQ > 1 glmer omits -2 sum log p(y | saturated). */
  deviance: number;
  aic: number;
  bic: number;
  /** How vcov was computed: the inverse of half the finite-difference Hessian of the deviance over
   *  (theta, beta) (glmer's default), or (R_X' R_X)^{-1} from PIRLS when that Hessian is not positive definite. */
  vcovMethod: "hessian" | "RX";
}

export interface GlmmFit extends GlmmSummary {
  nDropped: number;
  /** vcov(beta), row-major p x p. */
  vcov: number[][];
  randomEffects: GlmmConditionalModes[];
  /** Fitted means on the response scale (m mu, or mu), and the linear predictor. */
  fitted: number[];
  linearPredictor: number[];
  rows: number[];
  evaluations: number;
}

/** The summary part of a fit (what `biomarker glmm --json` prints). */
export function glmmSummary(fit: GlmmFit): GlmmSummary {
  const { nDropped: _d, vcov: _v, randomEffects: _r, fitted: _f, linearPredictor: _l, rows: _rows, evaluations: _e, ...summary } = fit;
  return summary;
}
