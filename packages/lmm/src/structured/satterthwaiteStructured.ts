import { bilinear, symmetricPseudoInverse } from "../inference/dense.js";
import { type MarginalEvaluation, type StructuredData, criterionAtSigma, evaluateMarginal } from "./marginalLikelihood.js";

/**
 * Satterthwaite df for a fit with a residual structure, derived as lmerTest derives them for lmer fits
 * (Kuznetsova et al. 2017, sec. 3.2) from the information of the covariance parameters
 * phi = (theta, correlation, log SD ratios, sigma):
 *
 *   df = 2 (l'Cl)^2 / (g' A g),   g = d(l'Cl)/dphi,   A = 2 H^{-1},
 *
 * H the Hessian of the -2 log-likelihood actually maximized (REML or ML) with beta at its GLS value,
 * C = sigma^2 (X'V*^{-1}X)^{-1}. H and g are central differences with one Richardson extrapolation
 * (steps h and h/2, error O(h^4)), h = 1e-3 max(|phi_i|, 0.1). A is lmerTest's Moore-Penrose inverse
 * (eigenvalues above 1e-8). The df do not depend on the parameterization at an interior optimum; a
 * constant factor on C (nlme's n / (n - p) for ML) cancels.
 */
export interface StructuredSatterthwaite {
  readonly varparCovariance: Float64Array;
  readonly m: number;
  /** dC/dphi_k, p x p each. */
  readonly jacobian: readonly Float64Array[];
  readonly vcov: Float64Array;
}

const HESSIAN_TOLERANCE = 1e-8;

export function structuredSatterthwaiteSetup(d: StructuredData, psi: ArrayLike<number>, sigma: number, reml: boolean): StructuredSatterthwaite {
  const { n, p } = d;
  const m = psi.length + 1;
  const at = Float64Array.from([...Array.from(psi), sigma]);
  const cache = new Map<string, MarginalEvaluation | null>();
  const evaluate = (phi: Float64Array): MarginalEvaluation | null => {
    const key = phi.join(",");
    let e = cache.get(key);
    if (e === undefined) cache.set(key, (e = evaluateMarginal(d, phi.subarray(0, m - 1))));
    return e;
  };
  const f = (phi: Float64Array) => criterionAtSigma(evaluate(phi), phi[m - 1], n, p, reml);
  const c = (phi: Float64Array): Float64Array => {
    const e = evaluate(phi);
    const s2 = phi[m - 1] * phi[m - 1];
    return e ? e.xtvxInverse.map((v) => v * s2) : new Float64Array(p * p).fill(NaN);
  };
  const step = Float64Array.from(at, (v) => 1e-3 * Math.max(Math.abs(v), 0.1));
  const shifted = (moves: [number, number][]): Float64Array => {
    const x = Float64Array.from(at);
    for (const [k, h] of moves) x[k] += h;
    return x;
  };
  const hessianAt = (scale: number): Float64Array => {
    const h = new Float64Array(m * m);
    const f0 = f(at);
    for (let i = 0; i < m; i++) {
      const hi = step[i] * scale;
      h[i + m * i] = (f(shifted([[i, hi]])) - 2 * f0 + f(shifted([[i, -hi]]))) / (hi * hi);
      for (let j = 0; j < i; j++) {
        const hj = step[j] * scale;
        const v =
          (f(shifted([[i, hi], [j, hj]])) - f(shifted([[i, hi], [j, -hj]])) - f(shifted([[i, -hi], [j, hj]])) + f(shifted([[i, -hi], [j, -hj]]))) /
          (4 * hi * hj);
        h[i + m * j] = v;
        h[j + m * i] = v;
      }
    }
    return h;
  };
  const richardson = (coarse: Float64Array, fine: Float64Array) => fine.map((v, k) => (4 * v - coarse[k]) / 3);
  const hessian = richardson(hessianAt(1), hessianAt(0.5));
  const { inverse } = symmetricPseudoInverse(hessian, m, HESSIAN_TOLERANCE);
  const jacobianAt = (k: number, scale: number) => {
    const h = step[k] * scale;
    const plus = c(shifted([[k, h]]));
    const minus = c(shifted([[k, -h]]));
    return plus.map((v, e) => (v - minus[e]) / (2 * h));
  };
  const jacobian = Array.from({ length: m }, (_, k) => richardson(jacobianAt(k, 1), jacobianAt(k, 0.5)));
  return { varparCovariance: inverse.map((v) => 2 * v), m, jacobian, vcov: c(at) };
}

/** Satterthwaite df of l'beta; null when the variance of l'Cl is not positive. */
export function structuredSatterthwaiteDf(s: StructuredSatterthwaite, l: ArrayLike<number>, p: number): number | null {
  const variance = bilinear(l, s.vcov, l, p);
  const g = Float64Array.from(s.jacobian, (j) => bilinear(l, j, l, p));
  const denominator = bilinear(g, s.varparCovariance, g, s.m);
  return denominator > 0 ? (2 * variance * variance) / denominator : null;
}
