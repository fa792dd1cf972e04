/** f(x) with its gradient written into g; +Infinity where undefined. */
export type ObjectiveWithGradient = (x: Float64Array, g: Float64Array) => number;

export interface QuasiNewtonResult {
  x: Float64Array;
  value: number;
  gradient: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * Minimizes f by BFGS on the inverse Hessian (Nocedal & Wright 2006, alg. 6.1) with a backtracking
 * Armijo line search; the first step is scaled to move at most 1 in any coordinate. Stops when
 * max |g| <= gradientTolerance or when a line search makes no progress.
 */
export function quasiNewton(f: ObjectiveWithGradient, start: ArrayLike<number>, gradientTolerance = 1e-7, maxIterations = 500): QuasiNewtonResult {
  const m = start.length;
  let x = Float64Array.from(start);
  let g = new Float64Array(m);
  let value = f(x, g);
  if (!Number.isFinite(value)) throw new Error("quasiNewton: the objective is not finite at the start");
  const hInv = new Float64Array(m * m);
  for (let i = 0; i < m; i++) hInv[i + i * m] = 1;
  const direction = new Float64Array(m);
  let xNew = new Float64Array(m);
  let gNew = new Float64Array(m);
  let iterations = 0;
  let converged = false;
  let firstStep = true;
  for (; iterations < maxIterations; iterations++) {
    if (maxAbs(g) <= gradientTolerance) {
      converged = true;
      break;
    }
    for (let i = 0; i < m; i++) {
      let d = 0;
      for (let j = 0; j < m; j++) d -= hInv[i + j * m] * g[j];
      direction[i] = d;
    }
    let slope = dot(direction, g);
    if (!(slope < 0)) {
      // Not a descent direction: restart from steepest descent.
      hInv.fill(0);
      for (let i = 0; i < m; i++) hInv[i + i * m] = 1;
      for (let i = 0; i < m; i++) direction[i] = -g[i];
      slope = -dot(g, g);
      firstStep = true;
    }
    let t = firstStep ? Math.min(1, 1 / maxAbs(direction)) : 1;
    let valueNew = Infinity;
    let accepted = false;
    for (let trial = 0; trial < 60; trial++, t /= 2) {
      for (let i = 0; i < m; i++) xNew[i] = x[i] + t * direction[i];
      valueNew = f(xNew, gNew);
      if (Number.isFinite(valueNew) && valueNew <= value + 1e-4 * t * slope) {
        accepted = true;
        break;
      }
    }
    if (!accepted) break;
    firstStep = false;
    // BFGS update of the inverse Hessian with s = x_new - x, r = g_new - g.
    const s = new Float64Array(m);
    const r = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      s[i] = xNew[i] - x[i];
      r[i] = gNew[i] - g[i];
    }
    const sr = dot(s, r);
    if (sr > 1e-12 * Math.sqrt(dot(s, s) * dot(r, r))) {
      const hr = new Float64Array(m);
      for (let i = 0; i < m; i++) {
        let v = 0;
        for (let j = 0; j < m; j++) v += hInv[i + j * m] * r[j];
        hr[i] = v;
      }
      const rhr = dot(r, hr);
      const rho = 1 / sr;
      for (let j = 0; j < m; j++) {
        for (let i = 0; i < m; i++) {
          hInv[i + j * m] += rho * ((1 + rho * rhr) * s[i] * s[j] - hr[i] * s[j] - s[i] * hr[j]);
        }
      }
    }
    const progress = value - valueNew;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    value = valueNew;
    if (progress <= 1e-14 * Math.max(1, Math.abs(value)) && maxAbs(s) < 1e-10) break;
  }
  if (maxAbs(g) <= gradientTolerance) converged = true;
  return { x, value, gradient: g, iterations, converged };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s = Math.max(s, Math.abs(a[i]));
  return s;
}
