import { CensoredLikelihood, type CensoredModelData } from "./censoredLikelihood.js";
import { invertPositiveDefinite, observedInformation } from "./information.js";
import { NODE_TOLERANCE, chooseNodes, logLikelihoodWith } from "./nodeChoice.js";
import { productRule } from "./quadratureRule.js";
import { quasiNewton } from "./quasiNewton.js";

export interface CoreFit {
  theta: Float64Array;
  logLik: number;
  /** Nodes per random effect. */
  nAGQ: number;
  /** Observed information at theta (row-major) and its inverse; inverse null when not positive definite. */
  information: Float64Array;
  covariance: Float64Array | null;
  gradient: Float64Array;
  converged: boolean;
  evaluations: number;
}

/**
 * Maximum likelihood: BFGS on -l from start, then Newton steps with the observed information until the
 * Newton step is below 1e-9 (quadratic convergence lands on the optimum to ~1e-12 in l). With automatic
 * nodes, the node count is checked again at the optimum and the fit continues with more nodes if the
 * rule is no longer accurate there.
 */
export function maximizeLikelihood(data: CensoredModelData, start: Float64Array, nAGQ: number | "auto"): CoreFit {
  let n = nAGQ === "auto" ? chooseNodes(data, start) : nAGQ;
  let theta = start;
  let evaluations = 0;
  for (let round = 0; ; round++) {
    const lik = new CensoredLikelihood(data, productRule(data.q, n));
    const result = quasiNewton((x, g) => {
      const v = lik.evaluate(x, g);
      for (let i = 0; i < g.length; i++) g[i] = -g[i];
      return -v;
    }, theta, 1e-6);
    theta = result.x;
    const polished = newtonPolish(lik, theta);
    evaluations += lik.evaluations;
    theta = polished.theta;
    if (nAGQ === "auto" && round < 3) {
      const check = logLikelihoodWith(data, theta, n + 2);
      const next = Math.abs(check - polished.logLik) > NODE_TOLERANCE ? chooseNodes(data, theta, n + 2) : n;
      if (next !== n) {
        n = next;
        continue;
      }
    }
    return { ...polished, nAGQ: n, evaluations };
  }
}

function newtonPolish(lik: CensoredLikelihood, start: Float64Array) {
  const m = start.length;
  let theta = Float64Array.from(start);
  const gradient = new Float64Array(m);
  let logLik = lik.evaluate(theta, gradient);
  let information = observedInformation(lik, theta);
  let covariance = invertPositiveDefinite(information, m);
  let converged = false;
  for (let iteration = 0; iteration < 20 && covariance; iteration++) {
    const step = new Float64Array(m);
    let size = 0;
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += covariance[i * m + j] * gradient[j];
      step[i] = s;
      size = Math.max(size, Math.abs(s));
    }
    if (size < 1e-9) {
      converged = true;
      break;
    }
    let t = 1;
    let moved = false;
    const trialGradient = new Float64Array(m);
    for (let halving = 0; halving < 30; halving++, t /= 2) {
      const trial = theta.map((v, i) => v + t * step[i]);
      const value = lik.evaluate(trial, trialGradient);
      if (value >= logLik - 1e-12 * Math.abs(logLik)) {
        moved = value > logLik || t * size < 1e-9;
        theta = trial;
        logLik = value;
        gradient.set(trialGradient);
        break;
      }
    }
    // A step this small changes the information by a relative ~1e-4 or less: keep it (still a Newton
    // iteration to that accuracy) rather than spend 2 npar gradients.
    if (t * size > 1e-4) {
      information = observedInformation(lik, theta);
      covariance = invertPositiveDefinite(information, m);
    }
    if (!moved) {
      converged = t * size < 1e-7;
      break;
    }
  }
  logLik = lik.evaluate(theta, gradient);
  return { theta, logLik, information, covariance, gradient, converged };
}
