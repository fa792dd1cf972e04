import { type QuadratureRule, gaussHermiteNormal } from "@biomarker/numerics";
import type { Pirls } from "./pirls.js";

/**
 * Laplace approximation of -2 log L(theta, beta) (Bates et al. 2015; lme4's glmResp::Laplace):
 *
 *   -2 log L ~ -2 sum_i log p(y_i | u*) + ||u*||^2 + log |L|^2
 *
 * at the conditional modes u* from PIRLS, normalizing constants of the densities included (lme4's aic()).
 */
export function laplaceDeviance(pirls: Pirls, theta: ArrayLike<number>, beta: Float64Array): number {
  pirls.setTheta(theta);
  const r = pirls.solve(beta, false);
  return r.d + r.logDetL;
}

/**
 * Adaptive Gauss-Hermite quadrature for one scalar random effect per group (Liu & Pierce 1994; lme4's
 * glmerAGQ). With u*_g the mode and s_g = 1 / L_gg (L from PIRLS at the mode), per group
 *
 *   integral of exp(-D_g(u) / 2) phi(u) du = s_g integral of exp(-D_g(u*_g + s_g z) / 2) phi(u*_g + s_g z) / phi(z) phi(z) dz
 *     ~ s_g sum_k w_k exp(-D_g(u*_g + s_g z_k) / 2 - (u*_g + s_g z_k)^2 / 2 + z_k^2 / 2),
 *
 * (z_k, w_k) the rule for the standard normal weight (lme4's GHrule), D_g = -2 sum over the group's
 * observations of log p. Returns -2 sum_g log of the integral (normalizing constants included, so with
 * one node it equals the Laplace value).
 */
export function adaptiveQuadratureDeviance(pirls: Pirls, theta: ArrayLike<number>, beta: Float64Array, rule: QuadratureRule): number {
  pirls.setTheta(theta);
  const r = pirls.solve(beta, false);
  const { n, q, design } = pirls;
  const { family, y, trials } = design;
  const group = design.random[0].levelOfObservation;
  const u = pirls.u;
  const eta0 = pirls.linearPredictor(beta, u, new Float64Array(n));
  // D_g at the mode, per group (without the constants; they are added once at the end).
  const kernel0 = new Float64Array(q);
  for (let i = 0; i < n; i++) kernel0[group[i]] += family.logKernel(y[i], trials[i], eta0[i]);
  const sd = new Float64Array(q);
  for (let g = 0; g < q; g++) sd[g] = 1 / r.diagonal[g];
  const sums = new Float64Array(q);
  const kernel = new Float64Array(q);
  for (let k = 0; k < rule.nodes.length; k++) {
    const z = rule.nodes[k];
    kernel.fill(0);
    for (let i = 0; i < n; i++) {
      const g = group[i];
      // A(i, g) u shifts by A(i, g) s_g z.
      const eta = eta0[i] + pirls.aVal[i * pirls.width] * sd[g] * z;
      kernel[g] += family.logKernel(y[i], trials[i], eta);
    }
    for (let g = 0; g < q; g++) {
      const ug = u[g] + sd[g] * z;
      sums[g] += rule.weights[k] * Math.exp(kernel[g] - kernel0[g] - (ug * ug) / 2 + (z * z) / 2);
    }
  }
  let total = 0;
  for (let g = 0; g < q; g++) total += -2 * kernel0[g] - 2 * Math.log(sd[g] * sums[g]);
  for (let i = 0; i < n; i++) total -= 2 * pirls.logConstant[i];
  return total;
}

const rules = new Map<number, QuadratureRule>();
/** lme4's GHrule(nAGQ), cached. */
export function quadratureRule(nAGQ: number): QuadratureRule {
  let rule = rules.get(nAGQ);
  if (!rule) {
    rule = gaussHermiteNormal(nAGQ);
    rules.set(nAGQ, rule);
  }
  return rule;
}
