import { symmetricEigenInPlace } from "../linalg/symmetricEigen.js";

/**
 * Exact solution of the trust-region subproblem on the free variables,
 *   minimise g's + s'Hs/2 subject to ||s||_2 <= radius,
 * through the eigen-decomposition H = Q diag(lambda) Q' (Moré & Sorensen 1983; Nocedal & Wright 2006,
 * sec. 4.3). With gh = Q'g, s(mu) = -sum_i gh_i / (lambda_i + mu) q_i:
 *  - mu = 0 if H is positive definite and the Newton step fits in the region;
 *  - otherwise mu > max(0, -lambda_min) solves ||s(mu)|| = radius (Newton's method on
 *    1/||s(mu)|| - 1/radius, safeguarded by bisection);
 *  - in the "hard case" (g has no component along the lowest eigenvector and ||s(-lambda_min)|| < radius),
 *    mu = -lambda_min and a multiple of that eigenvector brings the step to the boundary.
 * When H has negative curvature (lambda_min < 0) the mirrored step, with the component along the lowest
 * eigenvector reversed, is offered as `alternative`: its sign is arbitrary in the hard case and the caller
 * may prefer whichever direction survives projection onto the box. All buffers are preallocated.
 */
export class TrustRegionStep {
  readonly step: Float64Array;
  readonly alternative: Float64Array;
  /** Whether `alternative` holds a meaningful step (negative curvature). */
  hasAlternative = false;
  /** The Levenberg-Marquardt shift of the returned step. */
  mu = 0;
  /** True when the step is the undamped Newton step of a positive definite H (mu = 0, lambda_min > 0). */
  newton = false;
  private readonly values: Float64Array;
  private readonly vectors: Float64Array;
  private readonly work: Float64Array;
  private readonly projected: Float64Array;

  constructor(size: number) {
    this.step = new Float64Array(size);
    this.alternative = new Float64Array(size);
    this.values = new Float64Array(size);
    this.vectors = new Float64Array(size * size);
    this.work = new Float64Array(size * size);
    this.projected = new Float64Array(size);
  }

  /** Solves for the first m entries of step; h is m x m column-major and symmetric. */
  solve(h: Float64Array, g: Float64Array, m: number, radius: number): void {
    const { values: lambda, vectors: q, projected: gh } = this;
    symmetricEigenInPlace(h, m, lambda, q, this.work);
    let lowest = 0;
    let scale = 0;
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += q[k + i * m] * g[k];
      gh[i] = s;
      if (lambda[i] < lambda[lowest]) lowest = i;
      scale = Math.max(scale, Math.abs(lambda[i]));
    }
    const lambdaMin = lambda[lowest];
    const norm = (mu: number): number => {
      let s = 0;
      for (let i = 0; i < m; i++) s += (gh[i] / (lambda[i] + mu)) ** 2;
      return Math.sqrt(s);
    };
    let mu = 0;
    let hard = false;
    if (!(lambdaMin > 0 && norm(0) <= radius)) {
      const floor = Math.max(0, -lambdaMin);
      // Hard case: no gradient along the lowest eigenspace and the step at the pole is inside.
      const tiny = Number.EPSILON * Math.max(scale, Number.MIN_VALUE);
      let poleComponent = 0;
      let poleFree = 0;
      for (let i = 0; i < m; i++) {
        if (lambda[i] - lambdaMin <= tiny) poleComponent += gh[i] * gh[i];
        else poleFree += (gh[i] / (lambda[i] - lambdaMin)) ** 2;
      }
      if (lambdaMin <= 0 && poleComponent === 0 && Math.sqrt(poleFree) < radius) {
        // Only negative curvature needs the eigenvector added; for lambda_min = 0 the minimum-norm step is it.
        hard = true;
        mu = floor;
      } else {
        let gNorm = 0;
        for (let i = 0; i < m; i++) gNorm += gh[i] * gh[i];
        let lo = floor;
        let hi = floor + Math.sqrt(gNorm) / radius + scale + Number.MIN_VALUE;
        mu = floor + 1e-12 * scale + Number.MIN_VALUE;
        for (let iteration = 0; iteration < 200; iteration++) {
          const n = norm(mu);
          if (Math.abs(n - radius) <= 1e-6 * radius) break;
          if (n > radius) lo = mu;
          else hi = mu;
          let d3 = 0;
          for (let i = 0; i < m; i++) d3 += (gh[i] * gh[i]) / (lambda[i] + mu) ** 3;
          // phi(mu) = 1/||s|| - 1/radius, phi' = d3 / ||s||^3.
          const next = mu - (1 / n - 1 / radius) / (d3 / (n * n * n));
          mu = next > lo && next < hi && Number.isFinite(next) ? next : 0.5 * (lo + hi);
          if (hi - lo <= 1e-15 * hi) break;
        }
      }
    }
    this.mu = mu;
    this.newton = mu === 0 && lambdaMin > 0;
    // s = -sum gh_i / (lambda_i + mu) q_i (skipping the pole in the hard case).
    this.step.fill(0, 0, m);
    for (let i = 0; i < m; i++) {
      const denominator = lambda[i] + mu;
      if (hard && lambda[i] - lambdaMin <= Number.EPSILON * Math.max(scale, Number.MIN_VALUE)) continue;
      const coefficient = -gh[i] / denominator;
      for (let k = 0; k < m; k++) this.step[k] += coefficient * q[k + i * m];
    }
    let along = 0;
    for (let k = 0; k < m; k++) along += this.step[k] * q[k + lowest * m];
    if (hard && lambdaMin < 0) {
      let s2 = 0;
      for (let k = 0; k < m; k++) s2 += this.step[k] * this.step[k];
      along = Math.sqrt(Math.max(0, radius * radius - s2));
      for (let k = 0; k < m; k++) this.step[k] += along * q[k + lowest * m];
    }
    this.hasAlternative = lambdaMin < 0;
    if (this.hasAlternative) {
      for (let k = 0; k < m; k++) this.alternative[k] = this.step[k] - 2 * along * q[k + lowest * m];
    }
  }
}
