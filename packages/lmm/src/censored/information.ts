import { cholesky, solveLower, solveLowerTransposed } from "@biomarker/numerics";
import type { CensoredLikelihood } from "./censoredLikelihood.js";

/**
 * Observed information -d2 l / d theta2 at theta: central differences of the analytic gradient with every
 * subject's quadrature nodes held where they are at theta (so the differenced function is smooth), step
 * 1e-4 max(1, |theta_i|), symmetrised. Row-major npar x npar.
 */
export function observedInformation(lik: CensoredLikelihood, theta: Float64Array): Float64Array {
  const m = theta.length;
  lik.evaluate(theta, null, true);
  const info = new Float64Array(m * m);
  const plus = new Float64Array(m);
  const minus = new Float64Array(m);
  const shifted = Float64Array.from(theta);
  for (let i = 0; i < m; i++) {
    const h = 1e-4 * Math.max(1, Math.abs(theta[i]));
    shifted[i] = theta[i] + h;
    lik.evaluate(shifted, plus, false);
    shifted[i] = theta[i] - h;
    lik.evaluate(shifted, minus, false);
    shifted[i] = theta[i];
    for (let j = 0; j < m; j++) info[i * m + j] = -(plus[j] - minus[j]) / (2 * h);
  }
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < i; j++) {
      const v = 0.5 * (info[i * m + j] + info[j * m + i]);
      info[i * m + j] = v;
      info[j * m + i] = v;
    }
  }
  lik.evaluate(theta, null, true);
  return info;
}

/** Inverse of a symmetric positive-definite matrix by its Cholesky factor; null when not positive definite. */
export function invertPositiveDefinite(a: Float64Array, m: number): Float64Array | null {
  const chol = cholesky(a, m, 0);
  if (!chol.positiveDefinite) return null;
  const inverse = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    const e = new Float64Array(m);
    e[j] = 1;
    const column = solveLowerTransposed(chol.factor, m, solveLower(chol.factor, m, e));
    for (let i = 0; i < m; i++) inverse[i + j * m] = column[i];
  }
  return inverse;
}
