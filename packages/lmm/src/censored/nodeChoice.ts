import { CensoredLikelihood, type CensoredModelData } from "./censoredLikelihood.js";
import { productRule } from "./quadratureRule.js";

/** The log-likelihood is taken as accurate to 1e-6 when the next two rules (n + 2, n + 4 nodes) agree with it to 1e-7. */
export const NODE_TOLERANCE = 1e-7;
const MAX_NODES: Record<number, number> = { 1: 51, 2: 25 };

/** log-likelihood at theta with n nodes per random effect (adapted at theta). */
export function logLikelihoodWith(data: CensoredModelData, theta: Float64Array, n: number): number {
  return new CensoredLikelihood(data, productRule(data.q, n)).evaluate(theta);
}

/**
 * Nodes per random effect for adaptive Gauss-Hermite quadrature at theta: the smallest n in 3, 5, 7, ...
 * whose log-likelihood differs by at most 1e-7 from those with n + 2 and n + 4 nodes (so the error is
 * well below 1e-6). At least 3: the gradient (the score averaged over the nodes) has terms quadratic in
 * u, which one node does not integrate even when the integrand is Gaussian (nothing censored), where 3
 * nodes are exact. No random effect: 1. More than two random effects per subject: 1 (Laplace).
 */
export function chooseNodes(data: CensoredModelData, theta: Float64Array, from = 3): number {
  const q = data.q;
  if (q === 0 || q > 2) return 1;
  const max = MAX_NODES[q];
  const values = new Map<number, number>();
  const at = (n: number) => {
    let v = values.get(n);
    if (v === undefined) {
      v = logLikelihoodWith(data, theta, n);
      values.set(n, v);
    }
    return v;
  };
  for (let n = from; n + 4 <= max; n += 2) {
    const v = at(n);
    if (Math.abs(v - at(n + 2)) <= NODE_TOLERANCE && Math.abs(v - at(n + 4)) <= NODE_TOLERANCE) return n;
  }
  return max;
}
