import type { DataColumns } from "../design/frame.js";
import { LmmInputError } from "../errors.js";
import type { ModelTerms } from "../formula/terms.js";
import { censoredDesign } from "./censoredDesign.js";
import { parameterCount } from "./censoredLikelihood.js";
import { censoredBase, designColumn, modelDataFor } from "./modelData.js";
import { chooseNodes, logLikelihoodWith } from "./nodeChoice.js";

export interface CensoredParameters {
  /** One value per fixed-effect column of the design. */
  readonly beta: readonly number[];
  readonly sigma: number;
  /** Covariance matrix of one subject's random effects (q x q); [] without a random term. */
  readonly randomCovariance: readonly (readonly number[])[];
}

/**
 * The censored log-likelihood at given parameters, by adaptive Gauss-Hermite quadrature with nAGQ nodes
 * per random effect ("auto": the automatic choice at these parameters).
 */
export function censoredLogLikelihood(
  data: DataColumns,
  formula: string | ModelTerms,
  parameters: CensoredParameters,
  options: { censored?: string; limit?: string; nAGQ?: number | "auto" } = {},
): { logLik: number; nAGQ: number } {
  for (const key of Object.keys(options)) {
    if (!["censored", "limit", "nAGQ"].includes(key)) throw new LmmInputError(`censoredLogLikelihood: unknown option '${key}'`);
  }
  const { design, censoring } = censoredDesign(data, formula, { censored: options.censored ?? "censored", limit: options.limit ?? "limit" }, {});
  const base = censoredBase(design, censoring);
  const { p } = design;
  const q = base.q;
  if (parameters.beta.length !== p) throw new LmmInputError(`beta needs ${p} values, got ${parameters.beta.length}`);
  const data2 = modelDataFor(base, Array.from({ length: design.n }, (_, j) => j), Array.from({ length: p }, (_, k) => designColumn(design, k)), null);
  const theta = new Float64Array(parameterCount(p, q));
  theta.set(parameters.beta, 0);
  theta[p] = Math.log(parameters.sigma);
  // L = chol(Sigma), column by column.
  const s = parameters.randomCovariance;
  if (s.length !== q) throw new LmmInputError(`randomCovariance must be ${q} x ${q}`);
  const lower = new Float64Array(q * q);
  for (let b = 0; b < q; b++) {
    let d = s[b][b];
    for (let k = 0; k < b; k++) d -= lower[b + k * q] ** 2;
    lower[b + b * q] = Math.sqrt(d);
    for (let a = b + 1; a < q; a++) {
      let v = s[a][b];
      for (let k = 0; k < b; k++) v -= lower[a + k * q] * lower[b + k * q];
      lower[a + b * q] = v / lower[b + b * q];
    }
  }
  for (let b = 0, k = p + 1; b < q; b++) for (let a = b; a < q; a++) theta[k++] = lower[a + b * q];
  const nAGQ = options.nAGQ === undefined || options.nAGQ === "auto" ? chooseNodes(data2, theta) : options.nAGQ;
  return { logLik: logLikelihoodWith(data2, theta, nAGQ), nAGQ };
}
