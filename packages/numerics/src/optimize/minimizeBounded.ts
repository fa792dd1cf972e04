import { checkOptions } from "../options/checkOptions.js";
import { NumericsArgumentError } from "../errors.js";
import { finiteDifferenceWeights } from "./finiteDifferenceWeights.js";
import { TrustRegionStep } from "./trustRegionStep.js";

export interface MinimizeBoundedOptions {
  /** Stop when the Newton step is at most this long in every coordinate (default 1e-8, lme4's xtol_abs). */
  xTolAbs?: number;
  /** ... and the model predicts a decrease of at most this much (default 1e-8, lme4's ftol_abs). */
  fTolAbs?: number;
  /** Budget of function evaluations (default 2000 + 500 n). */
  maxEvaluations?: number;
  /** Initial trust-region radius (default 0.25 max(1, max_i |x0_i|)). */
  initialStep?: number;
}

export interface MinimizeBoundedResult {
  /** The final point (a fresh array): the lowest f found, or a Newton step from it that f cannot resolve. */
  x: Float64Array;
  value: number;
  /** Number of calls of f, finite-difference stencils included. */
  evaluations: number;
  /** Number of trust-region iterations (derivative estimates). */
  iterations: number;
  converged: boolean;
  message: string;
}

/** Near the minimiser derivatives use 4 extra points per coordinate (error O(h^4)); before that 2 (O(h^2)). */
const STENCIL_POINTS = 4;
const COARSE_STENCIL_POINTS = 2;
/** Offsets in units of h, in order of preference; the first 4 inside the box are used. */
const CANDIDATE_MULTIPLIERS = [1, -1, 2, -2, 3, -3, 4, -4];
/** Relative finite-difference step: h_i = 1e-3 max(|x_i|, 0.1). */
const RELATIVE_STEP = 1e-3;
const STEP_FLOOR = 0.1;
/** Successive steps that each lower f by less than STALL_FRACTION fTolAbs end the search. */
const STALL_FRACTION = 1e-3;
const STALL_ITERATIONS = 5;
/** A step may raise f by this many ulps of |f| and still count as "within rounding noise". */
const NOISE_ULPS = 64;

/**
 * Minimises a smooth f over the box lower <= x <= upper (bounds may be infinite) using only values of f:
 * a projected trust-region Newton method whose gradient and Hessian come from finite differences.
 *
 * Each iteration, at the current point x (value f0):
 * 1. Derivatives. For every coordinate i with lower_i < upper_i, f is evaluated at x + m h_i e_i for the
 *    first k multipliers m of (1, -1, 2, -2, 3, -3, 4, -4) that stay inside the box (central where
 *    possible, one-sided at a bound), h_i = 1e-3 max(|x_i|, 0.1) (shrunk to a 1/8 of a narrow box).
 *    k = 2 until a step has been an undamped Newton step, then k = 4 (the minimiser is near and the
 *    stopping rule needs accurate derivatives). Fornberg weights on these k + 1 points give g_i and H_ii
 *    (for k = 4 with error O(h^4) and O(h^3)). Cross terms: when both
 *    coordinates are interior, from f(++) + f(--) = 2 f0 + h_i^2 H_ii + h_j^2 H_jj + 2 h_i h_j H_ij + O(h^4)
 *    (two values, error O(h^2)); next to a bound, one value and the forward formula
 *    H_ij = (f(x + s_i h_i e_i + s_j h_j e_j) - f(x + s_i h_i e_i) - f(x + s_j h_j e_j) + f0) / (s_i h_i s_j h_j)
 *    (error O(h)), s = the sign of the inner offset. At most 4n + n(n-1) evaluations per iteration
 *    (12 for n = 3 with k = 2, 18 with k = 4).
 * 2. Active set. A coordinate at its lower bound with g_i > 0 and H_ii >= 0 (upper bound: g_i < 0) is held
 *    fixed; the others are free (the Karush-Kuhn-Tucker conditions hold for the held ones). Negative
 *    curvature frees a coordinate even with an outward gradient: this is what moves an LMM off a
 *    boundary saddle such as theta_3 = 0, where the criterion is symmetric in theta_3 and so has zero slope.
 * 3. Step. The trust-region subproblem on the free coordinates is solved exactly by eigen-decomposition
 *    (TrustRegionStep, including the hard case); s is projected onto the box, and with negative curvature
 *    the mirrored step is projected too and the one with the larger model decrease taken.
 *    Predicted decrease pred = -(g's + s'Hs/2) of the projected step; actual = f0 - f(x + s).
 *    The step is taken if f decreases, or if it is an accurate undamped Newton step predicting a gain below
 *    fTolAbs and f rose by no more than 64 ulps (f's rounding noise then cannot judge it; at most 3 such
 *    steps in a row). The radius is quartered to ||s||/4 when actual/pred < 1/4 and
 *    doubled when actual/pred > 3/4 and the step reached the radius (Nocedal & Wright 2006, Alg. 4.1).
 * Stopping rule (converged = true):
 *  - the step is the undamped Newton step of a positive definite free-variable Hessian (so x is within the
 *    model's distance of a strict local minimiser), every |s_i| <= xTolAbs and pred <= fTolAbs; the step is
 *    still taken if it lowers f. This is far tighter than NLopt's "last step changed x by < xtol_abs",
 *    which stops BOBYQA in lme4 short of the optimum;
 *  - every coordinate is held at a bound by its gradient (a vertex KKT point);
 *  - the radius fell below xTolAbs after steps the model could not predict (flat or singular directions,
 *    or rounding noise in f dominating the decrease);
 *  - 5 successive steps each lowered f by less than fTolAbs / 1000 (a degenerate minimum such as Powell's
 *    singular function, where Newton converges only linearly: f is settled long before x).
 * converged = false when maxEvaluations would be exceeded or f is not finite in the stencil.
 *
 * f receives a buffer that is reused between calls: read it, do not keep it. NaN values of f count as +Inf.
 */
export function minimizeBounded(
  f: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  options: MinimizeBoundedOptions = {},
): MinimizeBoundedResult {
  checkOptions("minimizeBounded", options, { xTolAbs: "number", fTolAbs: "number", maxEvaluations: "integer", initialStep: "number" });
  const n = x0.length;
  if (lower.length !== n || upper.length !== n) {
    throw new NumericsArgumentError(`minimizeBounded: x0, lower and upper must have the same length (${n}, ${lower.length}, ${upper.length})`);
  }
  for (let i = 0; i < n; i++) {
    if (!(lower[i] <= upper[i]) || Number.isNaN(x0[i])) {
      throw new NumericsArgumentError(`minimizeBounded: need lower <= upper and a numeric start at coordinate ${i}`);
    }
  }
  const xTol = options.xTolAbs ?? 1e-8;
  const fTol = options.fTolAbs ?? 1e-8;
  const maxEvaluations = options.maxEvaluations ?? 2000 + 500 * n;

  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.min(upper[i], Math.max(lower[i], x0[i]));
  let maxAbs = 0;
  for (let i = 0; i < n; i++) maxAbs = Math.max(maxAbs, Math.abs(x[i]));
  let radius = options.initialStep ?? 0.25 * Math.max(1, maxAbs);

  // Preallocated work space.
  const point = new Float64Array(n);
  const trial = new Float64Array(n);
  const gradient = new Float64Array(n);
  const hessian = new Float64Array(n * n);
  const h = new Float64Array(n); // signed step s_i h_i for the cross terms
  const fSide = new Float64Array(n); // f(x + s_i h_i e_i)
  const central = new Uint8Array(n); // 1 when both x +- h_i e_i are inside the box
  const offsets = new Float64Array(STENCIL_POINTS + 1);
  const values = new Float64Array(STENCIL_POINTS + 1);
  const w0 = new Float64Array(STENCIL_POINTS + 1);
  const w1 = new Float64Array(STENCIL_POINTS + 1);
  const w2 = new Float64Array(STENCIL_POINTS + 1);
  const free = new Int32Array(n);
  const freeGradient = new Float64Array(n);
  const freeHessian = new Float64Array(n * n);
  const subproblem = new TrustRegionStep(n);
  const projectedStep = new Float64Array(n);
  /** trial = P(x + step) on the free coordinates; returns the model decrease -(g's + s'Hs/2) of P(x + step) - x. */
  const projectAndPredict = (step: Float64Array, m: number): number => {
    trial.set(x);
    for (let a = 0; a < m; a++) {
      const i = free[a];
      trial[i] = Math.min(upper[i], Math.max(lower[i], x[i] + step[a]));
      projectedStep[a] = trial[i] - x[i];
    }
    let decrease = 0;
    for (let a = 0; a < m; a++) {
      let hs = 0;
      for (let b = 0; b < m; b++) hs += freeHessian[a + b * m] * projectedStep[b];
      decrease -= freeGradient[a] * projectedStep[a] + 0.5 * projectedStep[a] * hs;
    }
    return decrease;
  };

  let evaluations = 0;
  const evaluate = (at: Float64Array): number => {
    evaluations++;
    point.set(at);
    const v = f(point);
    return Number.isNaN(v) ? Infinity : v;
  };
  const done = (converged: boolean, message: string): MinimizeBoundedResult => ({
    x: Float64Array.from(x),
    value: fx,
    evaluations,
    iterations,
    converged,
    message,
  });

  let iterations = 0;
  let fx = evaluate(x);
  if (!Number.isFinite(fx)) return done(false, "f is not finite at the starting point");
  let variable = 0;
  for (let i = 0; i < n; i++) if (lower[i] < upper[i]) variable++;
  const stencilCost = STENCIL_POINTS * variable + variable * (variable - 1);

  let haveDerivatives = false;
  let precise = false;
  let lastStepWasNewton = false;
  let stalled = 0;
  let noiseSteps = 0;
  for (;;) {
    if (!haveDerivatives) {
      if (evaluations + stencilCost + 1 > maxEvaluations) return done(false, "maxEvaluations reached");
      iterations++;
      // 1. Finite-difference gradient and Hessian at x: the accurate stencil once a step has been an
      //    undamped Newton step (the minimiser is near and the stopping rule needs accurate derivatives).
      precise = lastStepWasNewton;
      const stencilPoints = precise ? STENCIL_POINTS : COARSE_STENCIL_POINTS;
      trial.set(x);
      for (let i = 0; i < n; i++) {
        gradient[i] = 0;
        h[i] = 0;
        central[i] = 0;
        if (!(lower[i] < upper[i])) continue;
        let step = RELATIVE_STEP * Math.max(Math.abs(x[i]), STEP_FLOOR);
        step = Math.min(step, (upper[i] - lower[i]) / 8);
        offsets[0] = 0;
        values[0] = fx;
        let count = 1;
        for (const m of CANDIDATE_MULTIPLIERS) {
          if (count > stencilPoints) break;
          const xi = x[i] + m * step;
          if (xi < lower[i] || xi > upper[i]) continue;
          trial[i] = xi;
          const v = evaluate(trial);
          if (!Number.isFinite(v)) {
            trial[i] = x[i];
            return done(false, `f is not finite in the finite-difference stencil of coordinate ${i}`);
          }
          offsets[count] = m;
          values[count] = v;
          if (m === -1) central[i] = 1;
          if (h[i] === 0 && (m === 1 || m === -1)) {
            h[i] = m * step;
            fSide[i] = v;
          }
          count++;
        }
        trial[i] = x[i];
        finiteDifferenceWeights(offsets, count, w0, w1, w2);
        let d1 = 0;
        let d2 = 0;
        for (let k = 0; k < count; k++) {
          d1 += w1[k] * values[k];
          d2 += w2[k] * values[k];
        }
        gradient[i] = d1 / step;
        hessian[i + i * n] = d2 / (step * step);
      }
      for (let j = 0; j < n; j++) {
        for (let i = j + 1; i < n; i++) {
          let hij = 0;
          if (h[i] !== 0 && h[j] !== 0) {
            const symmetric = precise && central[i] === 1 && central[j] === 1;
            trial[i] = x[i] + h[i];
            trial[j] = x[j] + h[j];
            const plus = evaluate(trial);
            let minus = 0;
            if (symmetric) {
              trial[i] = x[i] - h[i];
              trial[j] = x[j] - h[j];
              minus = evaluate(trial);
            }
            trial[i] = x[i];
            trial[j] = x[j];
            if (!Number.isFinite(plus) || !Number.isFinite(minus)) {
              return done(false, `f is not finite in the cross stencil of coordinates ${j}, ${i}`);
            }
            hij = symmetric
              ? (plus + minus - 2 * fx - h[i] * h[i] * hessian[i + i * n] - h[j] * h[j] * hessian[j + j * n]) / (2 * h[i] * h[j])
              : (plus - fSide[i] - fSide[j] + fx) / (h[i] * h[j]);
          }
          hessian[i + j * n] = hij;
          hessian[j + i * n] = hij;
        }
      }
      haveDerivatives = true;
    }

    // 2. Free coordinates: one on a bound is held when its gradient points out of the box and the
    //    curvature along it is not negative (with negative curvature, moving inward can still pay).
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (!(lower[i] < upper[i])) continue;
      const convex = hessian[i + i * n] >= 0;
      if (x[i] <= lower[i] && gradient[i] > 0 && convex) continue;
      if (x[i] >= upper[i] && gradient[i] < 0 && convex) continue;
      free[m++] = i;
    }
    if (m === 0) return done(true, "every coordinate is held at a bound by its gradient (KKT point)");
    for (let a = 0; a < m; a++) {
      freeGradient[a] = gradient[free[a]];
      for (let b = 0; b < m; b++) freeHessian[a + b * m] = hessian[free[a] + free[b] * n];
    }

    // 3. Trust-region step, projected onto the box; with negative curvature the mirrored step is tried too
    //    and the one whose projection the model prefers is taken.
    subproblem.solve(freeHessian, freeGradient, m, radius);
    let predicted = projectAndPredict(subproblem.step, m);
    if (subproblem.hasAlternative) {
      const first = predicted;
      predicted = projectAndPredict(subproblem.alternative, m);
      if (first >= predicted) predicted = projectAndPredict(subproblem.step, m);
    }
    let stepInf = 0;
    let stepNorm2 = 0;
    for (let a = 0; a < m; a++) {
      const s = trial[free[a]] - x[free[a]];
      stepInf = Math.max(stepInf, Math.abs(s));
      stepNorm2 += s * s;
    }
    const stepNorm = Math.sqrt(stepNorm2);
    const newtonStepConverged = precise && subproblem.newton && stepInf <= xTol && predicted <= fTol;

    if (stepInf === 0) {
      if (newtonStepConverged) return done(true, "Newton step within xTolAbs and predicted decrease within fTolAbs");
      radius /= 4;
      if (radius < xTol) return done(true, "trust radius below xTolAbs");
      continue;
    }
    if (evaluations + 1 > maxEvaluations) return done(false, "maxEvaluations reached");
    const fTrial = evaluate(trial);
    const actual = fx - fTrial;
    const ratio = predicted > 0 ? actual / predicted : actual > 0 ? 1 : -1;
    // Within the rounding noise of f, values cannot judge a step: an accurate undamped Newton step that
    // predicts a gain below fTolAbs is taken unless f rose by more than its noise (a few steps at most).
    const noiseStep =
      precise && subproblem.newton && predicted <= fTol && actual >= -NOISE_ULPS * Number.EPSILON * Math.abs(fx) && noiseSteps < 3;
    if (actual > 0 || noiseStep) {
      noiseSteps = actual > 0 ? 0 : noiseSteps + 1;
      lastStepWasNewton = subproblem.newton;
      x.set(trial);
      fx = fTrial;
      haveDerivatives = false;
      stalled = actual < STALL_FRACTION * fTol ? stalled + 1 : 0;
      if (stalled >= STALL_ITERATIONS) return done(true, "f decreased by less than fTolAbs / 1000 in 5 successive steps");
    }
    if (newtonStepConverged) return done(true, "Newton step within xTolAbs and predicted decrease within fTolAbs");
    if (noiseStep) continue;
    if (ratio < 0.25) radius = stepNorm / 4;
    else if (ratio > 0.75 && stepNorm >= 0.9 * radius) radius *= 2;
    if (radius < xTol) return done(true, "trust radius below xTolAbs");
  }
}
