import { cholesky, minimizeBounded, solveLowerTransposed } from "@biomarker/numerics";
import { singularTolerance } from "../design/thetaLayout.js";
import type { OptimizationReport } from "./fit.js";
import { type PolishResult, polishMinimum } from "./polish.js";

/** lme4's gradient tolerance for checkConv (lmerControl default). */
const gradientTolerance = 2e-3;

/**
 * Minimizes the profiled criterion over theta subject to the lower bounds. First the Newton polish of
 * polish.ts from the start; when that does not end at a strict interior minimum (a bound is near, the
 * Hessian is not positive definite or the gradient does not vanish), the bounded trust-region
 * minimizer of @biomarker/numerics from the start too (its own tolerances: boundary fits need them, a
 * coarse stop can leave it in the wrong valley), then the Newton polish of polish.ts from its result;
 * the better of the two runs is kept. Then parameters that end
 * within the singularity tolerance of their bound are tried on the bound (kept there when the criterion
 * does not increase), as lme4 does for boundary fits, and the gradient is checked as lme4's checkConv
 * does: max over free parameters of min(|H^{-1/2} g|, |g|) below 0.002.
 */
export function optimizeTheta(
  f: (theta: Float64Array) => number,
  start: ArrayLike<number>,
  lower: Float64Array,
): { theta: Float64Array; report: OptimizationReport } {
  // Fast path: Newton from lme4's start usually lands on a clean interior minimum in a few steps.
  let result = polishMinimum(f, start, lower);
  let evaluations = result.evaluations;
  if (!isStrictInteriorMinimum(result, lower)) {
    const upper = new Float64Array(lower.length).fill(Infinity);
    const coarse = minimizeBounded(f, start, lower, upper);
    const polished = polishMinimum(f, coarse.x, lower, coarse.value);
    evaluations += coarse.evaluations + polished.evaluations;
    if (!(result.value < polished.value)) result = polished;
  }
  const onBound = Float64Array.from(result.x);
  let moved = false;
  for (let i = 0; i < lower.length; i++) {
    if (lower[i] === 0 && onBound[i] !== 0 && onBound[i] < singularTolerance) {
      onBound[i] = 0;
      moved = true;
    }
  }
  if (moved) {
    const v = f(onBound);
    evaluations++;
    if (v <= result.value) {
      result = polishMinimum(f, onBound, lower, v);
      evaluations += result.evaluations;
    }
  }
  const maxGradient = scaledGradient(result.gradient, result.hessian, lower, result.x);
  const converged = Number.isFinite(result.value) && maxGradient < gradientTolerance;
  return {
    theta: result.x,
    report: {
      evaluations,
      converged,
      maxGradient,
      message: converged ? "converged" : `model failed to converge with max|grad| = ${maxGradient.toPrecision(4)} (tol = 0.002)`,
    },
  };
}

/** Every bounded parameter well inside its bound, a positive definite Hessian and a small scaled
 *  gradient z = solve(chol(H), g): a strict local minimum that needs no globalizing optimizer. The
 *  criterion then lies within about |z|^2 / 2 < 5e-7 of the minimum (the polish has already converged;
 *  the statistic comes from the derivatives of its last iteration). */
function isStrictInteriorMinimum(r: PolishResult, lower: Float64Array): boolean {
  for (let i = 0; i < lower.length; i++) if (lower[i] === 0 && !(r.x[i] > 10 * singularTolerance)) return false;
  if (!Number.isFinite(r.value)) return false;
  const all = new Float64Array(lower.length).fill(-Infinity);
  return scaledGradient(r.gradient, r.hessian, all, r.x, true) < 1e-3;
}

/** lme4's checkConv statistic on the free parameters: max min(|solve(chol(H), g)|, |g|), falling back
 *  to max |g| when H is not positive definite. */
function scaledGradient(
  gradient: Float64Array,
  hessian: Float64Array,
  lower: Float64Array,
  x: Float64Array,
  requirePositiveDefinite = false,
): number {
  const k = gradient.length;
  const free = [...Array(k).keys()].filter((i) => !(lower[i] === x[i] && gradient[i] >= 0));
  if (free.length === 0) return 0;
  const m = free.length;
  const hff = new Float64Array(m * m);
  for (let c = 0; c < m; c++) for (let r = 0; r < m; r++) hff[r + m * c] = hessian[free[r] + k * free[c]];
  const { factor: l, positiveDefinite } = cholesky(hff, m, 0);
  const g = Float64Array.from(free, (i) => gradient[i]);
  if (!positiveDefinite) return requirePositiveDefinite ? Infinity : Math.max(...g.map(Math.abs));
  // R's solve(chol(H), g): chol gives upper R = L', so solve L' z = g.
  const z = solveLowerTransposed(l, m, g);
  let max = 0;
  for (let j = 0; j < m; j++) max = Math.max(max, Math.min(Math.abs(z[j]), Math.abs(g[j])));
  return max;
}
