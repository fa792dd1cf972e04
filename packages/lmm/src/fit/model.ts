/**
 * The fitted-model object that inference code (Satterthwaite, Kenward-Roger, profiles, bootstrap) builds on.
 *
 * Notation follows Bates, Maechler, Bolker & Walker (2015), "Fitting linear mixed-effects models using
 * lme4", J Stat Softw 67(1), section 3:
 *
 *   y = X beta + Z b + e,   b = Lambda(theta) u,   u ~ N(0, sigma^2 I_q),   e ~ N(0, sigma^2 I_n)
 *
 * so Var(y) = sigma^2 (Z Lambda Lambda' Z' + I_n). Lambda(theta) is block diagonal: random-effect term i
 * with p_i columns and l_i grouping levels contributes l_i copies of the p_i x p_i lower-triangular
 * factor T_i, and theta lists each T_i's lower triangle column by column (lme4's order), terms in lme4's
 * order (stably by decreasing number of levels, see design/random.ts).
 *
 * Matrices are column-major Float64Array. Z is n x q with q = sum_i p_i l_i; the columns of term i start
 * at `term.zOffset` and are level-major: column zOffset + level * p_i + k is covariate k of that level.
 */
export interface RandomTermStructure {
  /** Grouping factor as lme4 prints it: "Subject", "cask:batch". */
  readonly group: string;
  /** Names of the term's columns as model.matrix names them: ["(Intercept)", "Days"]. */
  readonly columnNames: readonly string[];
  /** Grouping levels in Z column order. */
  readonly levels: readonly string[];
  /** Level index (into `levels`) of every observation. */
  readonly levelOfObservation: Int32Array;
  /** n x p_i covariates of the term (column-major), e.g. [1, Days]. */
  readonly covariates: Float64Array;
  /** First column of this term in Z. */
  readonly zOffset: number;
  /** First entry of this term in theta. */
  readonly thetaOffset: number;
  /** Number of theta entries: p_i (p_i + 1) / 2. */
  readonly nTheta: number;
}

/** Everything the profiled criterion gives at one theta (Bates et al. 2015, eqs 34 and 41). */
export interface CriterionParts {
  /** log |L_theta|^2, L_theta L_theta' = Lambda' Z' Z Lambda + I. */
  readonly logDetL: number;
  /** log |R_X|^2, R_X' R_X = X' X - R_ZX' R_ZX. */
  readonly logDetRX: number;
  /** Penalized weighted residual sum of squares r^2(theta) = ||y - X beta - Z b||^2 + ||u||^2. */
  readonly pwrss: number;
  /** Profiled REML criterion (eq 41) or ML deviance (eq 34), by the model's `reml` flag. */
  readonly criterion: number;
}

/** The numeric core of one fit. Plain data plus a few pure functions; never mutated after the fit. */
export interface LmmModel {
  readonly reml: boolean;
  /** Observations used (rows with missing values already dropped). */
  readonly n: number;
  /** Columns of X after dropping rank-deficient ones. */
  readonly p: number;
  /** Columns of Z. */
  readonly q: number;
  /** n x p fixed-effects design, column-major. */
  readonly x: Float64Array;
  readonly fixedNames: readonly string[];
  /** The response. */
  readonly y: Float64Array;
  readonly terms: readonly RandomTermStructure[];
  /** Lower bounds of theta: 0 for diagonal entries of each T_i, -Infinity otherwise. */
  readonly thetaLower: Float64Array;
  /** Estimates at the optimum. */
  readonly theta: Float64Array;
  readonly beta: Float64Array;
  readonly sigma: number;
  /** Spherical conditional modes u (length q) and b = Lambda u. */
  readonly u: Float64Array;
  readonly b: Float64Array;
  /** Dense n x q Z, built on demand (for KR / small models). */
  zDense(): Float64Array;
  /** Dense q x q Lambda(theta), built on demand. */
  lambda(theta: ArrayLike<number>): Float64Array;
  /** Profiled criterion (REML or ML per `reml`) and its parts at theta; reuses preallocated buffers. */
  criterionAt(theta: ArrayLike<number>): CriterionParts;
  /** Conditional estimates at theta: beta(theta), sigma(theta) (profiled), and the unscaled vcov of beta
   *  (R_X' R_X)^{-1}, p x p; multiply by sigma^2 for vcov(beta). */
  estimatesAt(theta: ArrayLike<number>): { beta: Float64Array; sigma: number; unscaledVcov: Float64Array };
  /** Refit the same design to a new response (parametric bootstrap, batches); starts from this theta. */
  refit(y: ArrayLike<number>): LmmModel;
  /** Refit the same design and response under the other criterion (REML <-> ML), e.g. for LRTs. */
  refitWith(options: { reml: boolean }): LmmModel;
}
