import { cholesky, solveLower, solveLowerTransposed, symmetricEigen } from "@biomarker/numerics";

/**
 * Final polish of the optimum: projected Newton iterations with central finite-difference gradient and
 * Hessian (Nocedal & Wright 2006, secs. 8.1 and 16.7), on the few covariance parameters. Parameters
 * sitting on their lower bound with an outward-pointing gradient stay fixed there (active set). The
 * derivative-free optimizer gets close; this step lands on the optimum to ~1e-10 in the criterion, which
 * is what lme4 parity at 1e-6 needs (lme4's bobyqa stops 5.6e-6 short on Orthodont age*Sex).
 */
export interface PolishResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly evaluations: number;
  /** Finite-difference gradient at the result, 0 for parameters held on their bound. */
  readonly gradient: Float64Array;
  /** Finite-difference Hessian at the result (k x k, column-major), from the last iteration. */
  readonly hessian: Float64Array;
}

const maxIterations = 50;

export function polishMinimum(
  f: (x: Float64Array) => number,
  start: ArrayLike<number>,
  lower: ArrayLike<number>,
  value0?: number,
): PolishResult {
  const k = start.length;
  const x = Float64Array.from(start);
  let evaluations = 0;
  const evaluate = (point: Float64Array): number => {
    evaluations++;
    const v = f(point);
    return Number.isFinite(v) ? v : Infinity;
  };
  let value = value0 ?? evaluate(x);
  const gradient = new Float64Array(k);
  const hessian = new Float64Array(k * k);
  const trial = new Float64Array(k);
  const step = new Float64Array(k);
  const free = new Array<boolean>(k);
  /** Near a saddle no single coordinate may descend (e.g. a tiny intercept SD with a perfectly
   *  correlated slope): step along the eigenvector of the most negative Hessian eigenvalue, oriented
   *  into the box, with doubling steps while f decreases (Nocedal & Wright 2006, sec. 4.3). */
  const escapeAlongNegativeCurvature = (): boolean => {
    const gradNorm = Math.max(...Array.from(gradient, Math.abs));
    if (gradNorm > 1e-4 * Math.max(1, Math.abs(value))) return false;
    const { values, vectors } = symmetricEigen(Float64Array.from(hessian), k);
    let smallest = 0;
    for (let j = 1; j < k; j++) if (values[j] < values[smallest]) smallest = j;
    if (!(values[smallest] < 0)) return false;
    const v = Array.from(vectors.subarray(smallest * k, (smallest + 1) * k));
    const atBound = (i: number) => x[i] - lower[i] <= 1e-12;
    const feasible = (d: number[]) => d.every((di, i) => !atBound(i) || di >= -1e-12);
    const directions = [v, v.map((vi) => -vi)].filter(feasible);
    const scale = Math.max(...Array.from(x, (xi) => Math.max(1e-2, Math.abs(xi)))) * 1e-4;
    for (const d of directions) {
      let best = value;
      let bestT = 0;
      for (let t = scale; t < 1e6; t *= 2) {
        for (let i = 0; i < k; i++) trial[i] = Math.max(lower[i], x[i] + t * d[i]);
        const val = evaluate(trial);
        if (!(val < best)) break;
        best = val;
        bestT = t;
      }
      if (bestT > 0) {
        for (let i = 0; i < k; i++) x[i] = Math.max(lower[i], x[i] + bestT * d[i]);
        value = best;
        return true;
      }
    }
    return false;
  };
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    // Central differences with steps scaled to the parameter, one-sided (forward) at a lower bound, and
    // not so small that rounding noise eps_f in f (which grows with the number of blocks summed into
    // log|L|) swamps the second difference, whose noise is ~4 eps_f / h^2: h >= sqrt(1e3 eps_f / |f''|)
    // keeps it a few per cent of f'' (Nocedal & Wright 2006, sec. 8.1), with eps_f = 1e-14 |f|.
    const noise = 1e-14 * Math.max(1, Math.abs(value));
    const h = Array.from(x, (xi, i) => {
      const scaled = 1e-4 * Math.max(1e-2, Math.abs(xi));
      const curvature = Math.abs(hessian[i + k * i]);
      return iteration > 0 && curvature > 0 ? Math.max(scaled, Math.sqrt((1e3 * noise) / curvature)) : scaled;
    });
    const fPlus = new Float64Array(k);
    const fMinus = new Float64Array(k);
    const onBound = Array.from(x, (xi, i) => xi - h[i] < lower[i]);
    for (let i = 0; i < k; i++) {
      trial.set(x);
      trial[i] = x[i] + h[i];
      fPlus[i] = evaluate(trial);
      trial[i] = onBound[i] ? x[i] + 2 * h[i] : x[i] - h[i];
      fMinus[i] = evaluate(trial);
      if (onBound[i]) {
        // forward formulas: f' = (-3 f0 + 4 f1 - f2) / 2h, f'' = (f0 - 2 f1 + f2) / h^2
        gradient[i] = (-3 * value + 4 * fPlus[i] - fMinus[i]) / (2 * h[i]);
        hessian[i + k * i] = (value - 2 * fPlus[i] + fMinus[i]) / (h[i] * h[i]);
      } else {
        gradient[i] = (fPlus[i] - fMinus[i]) / (2 * h[i]);
        hessian[i + k * i] = (fPlus[i] - 2 * value + fMinus[i]) / (h[i] * h[i]);
      }
    }
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < i; j++) {
        // f(x + hi ei + hj ej): mixed second difference from the one-sided points
        trial.set(x);
        trial[i] += h[i];
        trial[j] += h[j];
        const fij = evaluate(trial);
        const mixed = (fij - fPlus[i] - fPlus[j] + value) / (h[i] * h[j]);
        hessian[i + k * j] = mixed;
        hessian[j + k * i] = mixed;
      }
    }
    // Escape from a symmetric saddle: the criterion is even in a diagonal entry of T_i at 0 (Sigma
    // depends on its square), and in the entries below a zero diagonal entry, so the gradient vanishes
    // there and only negative curvature shows that moving away is better. Walk along the coordinate
    // (into the interior at a bound, either way otherwise) with doubling steps while f decreases.
    let escaped = false;
    for (let i = 0; i < k && !escaped; i++) {
      if (!(hessian[i + k * i] < 0) || Math.abs(gradient[i]) > 1e-6 * Math.max(1, Math.abs(value))) continue;
      for (const direction of onBound[i] ? [1] : [1, -1]) {
        let best = value;
        let bestT = 0;
        for (let t = h[i]; t < 1e6; t *= 2) {
          trial.set(x);
          trial[i] = x[i] + direction * t;
          const v = evaluate(trial);
          if (!(v < best)) break;
          best = v;
          bestT = t;
        }
        if (bestT > 0) {
          x[i] += direction * bestT;
          value = best;
          escaped = true;
          break;
        }
      }
    }
    if (!escaped) escaped = escapeAlongNegativeCurvature();
    if (escaped) continue;
    // Active set: on the bound with the gradient pushing below it.
    for (let i = 0; i < k; i++) free[i] = !(x[i] - lower[i] <= 1e-12 * Math.max(1, Math.abs(x[i])) && gradient[i] > 0);
    const freeIdx = [...Array(k).keys()].filter((i) => free[i]);
    for (let i = 0; i < k; i++) if (!free[i]) gradient[i] = 0;
    if (freeIdx.length === 0) break;
    const newton = newtonStep(hessian, gradient, freeIdx, k);
    step.fill(0);
    freeIdx.forEach((i, a) => (step[i] = newton[a]));
    // Backtracking line search on the projected step.
    let alpha = 1;
    let improved = false;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < k; i++) trial[i] = Math.max(lower[i], x[i] + alpha * step[i]);
      const v = evaluate(trial);
      if (v < value) {
        const change = value - v;
        x.set(trial);
        value = v;
        improved = true;
        if (change < 1e-13 * Math.max(1, Math.abs(value))) return { x, value, evaluations, gradient, hessian };
        break;
      }
      alpha /= 2;
    }
    if (!improved) break;
  }
  return { x, value, evaluations, gradient, hessian };
}

/** Solves H_ff d = -g_f on the free parameters, shifting H by a multiple of I until it is positive definite. */
function newtonStep(hessian: Float64Array, gradient: Float64Array, freeIdx: number[], k: number): Float64Array {
  const m = freeIdx.length;
  let shift = 0;
  const a = new Float64Array(m * m);
  for (let attempt = 0; attempt < 60; attempt++) {
    for (let c = 0; c < m; c++) for (let r = 0; r < m; r++) a[r + m * c] = hessian[freeIdx[r] + k * freeIdx[c]] + (r === c ? shift : 0);
    const { factor: l, positiveDefinite } = cholesky(a, m, 0);
    if (positiveDefinite) return solveLowerTransposed(l, m, solveLower(l, m, Float64Array.from(freeIdx, (i) => -gradient[i])));
    const scale = Math.max(1e-8, ...freeIdx.map((i) => Math.abs(hessian[i + k * i])));
    shift = shift === 0 ? 1e-6 * scale : shift * 10;
  }
  return Float64Array.from(freeIdx, (i) => -gradient[i]);
}
