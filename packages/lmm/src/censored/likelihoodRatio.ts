import { chiSquareSf } from "@biomarker/numerics";
import { LmmInputError } from "../errors.js";
import type { CensoredLmmFit } from "./fitCensoredLmm.js";

export interface CensoredLikelihoodRatio {
  statistic: number;
  df: number;
  pValue: number;
}

/** Number of parameters: every fixed effect (estimable or not), sigma and the random-effect covariance. */
const npar = (fit: CensoredLmmFit) => fit.fixedEffects.length + 1 + fit.theta.length;

/**
 * Likelihood-ratio test of nested censored fits on the same observations: 2 (l1 - l0) against
 * chi-square on the difference in parameter counts (the usual boundary caveat for variance parameters
 * applies: the test is then conservative).
 */
export function censoredLikelihoodRatioTest(smaller: CensoredLmmFit, larger: CensoredLmmFit): CensoredLikelihoodRatio {
  if (smaller.nObs !== larger.nObs) throw new LmmInputError(`the fits use different observations (${smaller.nObs} and ${larger.nObs})`);
  const df = npar(larger) - npar(smaller);
  if (df <= 0) throw new LmmInputError("the second model must have more parameters than the first");
  const statistic = Math.max(0, 2 * (larger.logLik - smaller.logLik));
  return { statistic, df, pValue: chiSquareSf(statistic, df) };
}
