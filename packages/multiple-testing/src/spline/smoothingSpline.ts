import { checkOptions } from "@biomarker/numerics";
import { MultipleTestingInputError } from "../errors.js";
import { quantileType7 } from "../quantileType7.js";
import { bandCholesky, bandOfInverse, bandSolve, bandwidth, emptyBand, type Band } from "./bandedSystem.js";
import { bsplineDerivatives, evaluateSpline, findKnotInterval, splineOrder } from "./bspline.js";
import { searchSpar } from "./sparSearch.js";

/**
 * Cubic smoothing spline as R's `smooth.spline(x, y, df = df)` (a target number of equivalent degrees of
 * freedom) or `smooth.spline(x, y)` (generalised cross-validation) (Green & Silverman 1994, ch. 2-3;
 * R's stats::smooth.spline).
 *
 * The x values are scaled to [0, 1]; the spline s(x) = sum_j c_j B_j(x) lives on cubic B-splines with knots
 * at the unique x (at most 49 of them; beyond that R's .nknots.smspl() subset) and minimises
 *   sum_i w_i (y_i - s(x_i))^2 + lambda * int s''(x)^2 dx,
 * i.e. c = (X'WX + lambda Sigma)^{-1} X'Wy with X_ij = B_j(x_i) and Sigma_jk = int B_j'' B_k''.
 * lambda = r * 256^(3 spar - 1), r = tr(X'WX) / tr(Sigma) over the inner diagonal elements 3..nk-3, so
 * spar is scale free. The equivalent degrees of freedom are the trace of the smoother matrix,
 * df(spar) = sum_i w_i b_i' (X'WX + lambda Sigma)^{-1} b_i (the leverages need only the band of the inverse,
 * bandedSystem.ts), and spar in [-1.5, 1.5] minimises, by the golden-section/parabolic search of
 * sparSearch.ts (tol 1e-4, eps 2e-8), either 3 + (df_target - df)^2 or the GCV score
 *   GCV = (RSS / sum w) / (1 - df / sum w)^2,  RSS = sum_i w_i (y_i - s(x_i))^2 (+ within-tie sum of squares).
 * As in R, the returned fit is the one of the last evaluated spar, while `spar` is the best point found.
 */
export interface SmoothingSplineFit {
  /** The unique x values (sorted) and the fitted values there. */
  x: Float64Array;
  fitted: Float64Array;
  df: number;
  spar: number;
  lambda: number;
  ratio: number;
  iterations: number;
  knots: Float64Array;
  coefficients: Float64Array;
  xMin: number;
  xRange: number;
}

interface PenalisedSystem {
  n: number;
  nk: number;
  y: Float64Array;
  w: Float64Array;
  sumW: number;
  knots: Float64Array;
  /** Per data point: first basis index, the 4 basis values, and those used for its leverage. */
  basisStart: Int32Array;
  basis: Float64Array;
  leverageBasis: Float64Array;
  xwx: Band;
  xwy: Float64Array;
  sigma: Band;
  ratio: number;
}

export interface SmoothingSplineOptions {
  /** Target equivalent degrees of freedom, 1 < df <= number of unique x; without it spar minimises GCV. */
  df?: number;
}

export function smoothingSpline(xIn: ArrayLike<number>, yIn: ArrayLike<number>, options: SmoothingSplineOptions = {}): SmoothingSplineFit {
  checkOptions("smoothingSpline", options, { df: "number" });
  const { ux, ybar, wbar, withinSumOfSquares } = collapseTies(xIn, yIn);
  const nx = ux.length;
  const df = options.df;
  if (nx < 4) throw new MultipleTestingInputError("a smoothing spline needs at least four unique x values");
  if (df !== undefined && !(df > 1 && df <= nx)) {
    throw new MultipleTestingInputError(`smoothing spline df = ${df} must satisfy 1 < df <= ${nx} (unique x values)`);
  }
  const xMin = ux[0];
  const xRange = ux[nx - 1] - ux[0];
  const xs = ux.map((v) => (v - xMin) / xRange);
  const system = buildSystem(xs, ybar, wbar, knotSequence(xs));

  let last: { coefficients: Float64Array; df: number; lambda: number } | null = null;
  const search = searchSpar(
    (spar) => {
      const lambda = system.ratio * Math.pow(16, spar * 6 - 2);
      const fit = solvePenalised(system, lambda);
      last = fit === null ? null : { ...fit, lambda };
      if (fit === null) return Infinity;
      if (df !== undefined) return 3 + (df - fit.df) ** 2;
      return (fit.rss + withinSumOfSquares) / system.sumW / (1 - fit.df / system.sumW) ** 2;
    },
    { lower: -1.5, upper: 1.5, tol: 1e-4, eps: 2e-8, maxIterations: 500 },
  );
  const final = last as { coefficients: Float64Array; df: number; lambda: number } | null;
  if (final === null) throw new MultipleTestingInputError("smoothing spline: penalised system is singular");
  return {
    x: ux,
    fitted: xs.map((v) => evaluateSpline(system.knots, final.coefficients, v)),
    df: final.df,
    spar: search.spar,
    lambda: final.lambda,
    ratio: system.ratio,
    iterations: search.iterations,
    knots: system.knots,
    coefficients: final.coefficients,
    xMin,
    xRange,
  };
}

/** The fitted spline at x inside the data range (R's predict.smooth.spline without extrapolation). */
export function predictSmoothingSpline(fit: SmoothingSplineFit, x: number): number {
  const scaled = (x - fit.xMin) / fit.xRange;
  if (scaled < 0 || scaled > 1) throw new RangeError(`x = ${x} is outside the fitted range`);
  return evaluateSpline(fit.knots, fit.coefficients, scaled);
}

/**
 * Unique x (within 1e-6 IQR(x), as R) with the number of points and mean y at each (R weights each unique x
 * by its count) and the within-tie sum of squares, which enters the GCV residual sum of squares.
 */
function collapseTies(x: ArrayLike<number>, y: ArrayLike<number>) {
  const n = x.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b] || a - b);
  const sorted = Float64Array.from(order, (i) => x[i]);
  const tol = 1e-6 * (quantileType7(sorted, 0.75) - quantileType7(sorted, 0.25));
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  const ux: number[] = [];
  const sums: number[] = [];
  const squares: number[] = [];
  const counts: number[] = [];
  let previousKey = NaN;
  for (const i of order) {
    const key = Math.round((x[i] - mean) / tol);
    if (key !== previousKey) {
      ux.push(x[i]);
      sums.push(0);
      squares.push(0);
      counts.push(0);
      previousKey = key;
    }
    sums[sums.length - 1] += y[i];
    squares[squares.length - 1] += y[i] * y[i];
    counts[counts.length - 1] += 1;
  }
  const ybar = Float64Array.from(sums, (s, k) => s / counts[k]);
  let withinSumOfSquares = 0;
  for (let k = 0; k < counts.length; k++) withinSumOfSquares += squares[k] - counts[k] * ybar[k] ** 2;
  return { ux: Float64Array.from(ux), ybar, wbar: Float64Array.from(counts), withinSumOfSquares };
}

/** Knots: the (subset of) scaled unique x, with the end knots repeated to multiplicity 4. */
function knotSequence(xs: Float64Array): Float64Array {
  const nx = xs.length;
  const nknots = numberOfKnots(nx);
  const inner = new Float64Array(nknots);
  if (nknots === nx) inner.set(xs);
  else {
    // R: xbar[seq.int(1, nx, length.out = nknots)]: 1 + k by, last = nx exactly, truncated by indexing.
    const by = (nx - 1) / (nknots - 1);
    for (let k = 0; k < nknots - 1; k++) inner[k] = xs[Math.trunc(1 + k * by) - 1];
    inner[nknots - 1] = xs[nx - 1];
  }
  const knots = new Float64Array(nknots + 6);
  knots.fill(inner[0], 0, 3);
  knots.set(inner, 3);
  knots.fill(inner[nknots - 1], nknots + 3);
  return knots;
}

/** R's .nknots.smspl(n): all points below 50, then a slowly growing number (log-linear interpolation). */
function numberOfKnots(n: number): number {
  if (n < 50) return n;
  const a1 = Math.log2(50);
  const a2 = Math.log2(100);
  const a3 = Math.log2(140);
  const a4 = Math.log2(200);
  let value: number;
  if (n < 200) value = 2 ** (a1 + ((a2 - a1) * (n - 50)) / 150);
  else if (n < 800) value = 2 ** (a2 + ((a3 - a2) * (n - 200)) / 600);
  else if (n < 3200) value = 2 ** (a3 + ((a4 - a3) * (n - 800)) / 2400);
  else value = 200 + (n - 3200) ** 0.2;
  return Math.trunc(value);
}

/**
 * X'WX and X'Wy in band form and the penalty. A point at the right end of the range is evaluated on the
 * last interval; for its leverage R evaluates the basis at 1 - 1e-11 (sslvrg), which we copy.
 */
function buildSystem(xs: Float64Array, y: Float64Array, w: Float64Array, knots: Float64Array): PenalisedSystem {
  const n = xs.length;
  const nk = knots.length - splineOrder;
  const basisStart = new Int32Array(n);
  const basis = new Float64Array(n * splineOrder);
  const leverageBasis = new Float64Array(n * splineOrder);
  const xwx = emptyBand(nk);
  const xwy = new Float64Array(nk);
  let sumW = 0;
  for (let i = 0; i < n; i++) {
    const left = findKnotInterval(knots, nk, xs[i]);
    const start = left - splineOrder + 1;
    const b = bsplineDerivatives(knots, left, xs[i], splineOrder, 0);
    basisStart[i] = start;
    basis.set(b, i * splineOrder);
    const atRightEnd = xs[i] >= knots[nk];
    leverageBasis.set(atRightEnd ? bsplineDerivatives(knots, left, knots[nk] - 1e-11, splineOrder, 0) : b, i * splineOrder);
    sumW += w[i];
    for (let a = 0; a < splineOrder; a++) {
      xwy[start + a] += w[i] * y[i] * b[a];
      for (let c = a; c < splineOrder; c++) xwx[c - a][start + a] += w[i] * b[a] * b[c];
    }
  }
  const sigma = penaltyGram(knots, nk);
  let traceXwx = 0;
  let traceSigma = 0;
  for (let j = 2; j < nk - 3; j++) {
    traceXwx += xwx[0][j];
    traceSigma += sigma[0][j];
  }
  return { n, nk, y, w, sumW, knots, basisStart, basis, leverageBasis, xwx, xwy, sigma, ratio: traceXwx / traceSigma };
}

/**
 * Sigma_jk = int B_j''(x) B_k''(x) dx. On a knot interval of length h the second derivatives are linear,
 * f(x) = f0 + (f1 - f0) s for s in [0, 1], so int f g = h [f0 g0 + (df g0 + dg f0) / 2 + df dg / 3].
 * R's sgram (stats/src/sgram.f) writes the last weight as 0.333, not 1/3, which shrinks Sigma by about
 * 0.25 % and moves lambda, spar and the fit; we keep 0.333 so that smooth.spline (and hence qvalue's pi0)
 * is reproduced, and say so in the README.
 */
const rCubicWeight = 0.333;

function penaltyGram(knots: Float64Array, nk: number): Band {
  const sigma = emptyBand(nk);
  for (let left = splineOrder - 1; left < nk; left++) {
    const h = knots[left + 1] - knots[left];
    if (!(h > 0)) continue;
    const f0 = bsplineDerivatives(knots, left, knots[left], splineOrder, 2);
    const f1 = bsplineDerivatives(knots, left, knots[left + 1], splineOrder, 2);
    const start = left - splineOrder + 1;
    for (let a = 0; a < splineOrder; a++) {
      const da = f1[a] - f0[a];
      for (let c = a; c < splineOrder; c++) {
        const dc = f1[c] - f0[c];
        sigma[c - a][start + a] += h * (f0[a] * f0[c] + (da * f0[c] + dc * f0[a]) * 0.5 + da * dc * rCubicWeight);
      }
    }
  }
  return sigma;
}

/**
 * Coefficients, df = trace of the smoother matrix and the weighted residual sum of squares for one lambda;
 * null if X'WX + lambda Sigma is not positive definite.
 */
function solvePenalised(system: PenalisedSystem, lambda: number): { coefficients: Float64Array; df: number; rss: number } | null {
  const { nk, xwx, sigma } = system;
  const m = emptyBand(nk);
  for (let d = 0; d <= bandwidth; d++) for (let i = 0; i < nk; i++) m[d][i] = xwx[d][i] + lambda * sigma[d][i];
  const u = bandCholesky(m);
  if (u === null) return null;
  const coefficients = bandSolve(u, system.xwy);
  const inverse = bandOfInverse(u);
  let df = 0;
  let rss = 0;
  for (let i = 0; i < system.n; i++) {
    const start = system.basisStart[i];
    const offset = i * splineOrder;
    let fitted = 0;
    let quadratic = 0;
    for (let a = 0; a < splineOrder; a++) {
      fitted += coefficients[start + a] * system.basis[offset + a];
      const ba = system.leverageBasis[offset + a];
      quadratic += ba * ba * inverse[0][start + a];
      for (let c = a + 1; c < splineOrder; c++) quadratic += 2 * ba * system.leverageBasis[offset + c] * inverse[c - a][start + a];
    }
    df += system.w[i] * quadratic;
    rss += system.w[i] * (system.y[i] - fitted) ** 2;
  }
  return { coefficients, df, rss };
}
