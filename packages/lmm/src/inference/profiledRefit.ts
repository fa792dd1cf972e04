import { minimizeBounded } from "@biomarker/numerics";
import { type InferenceModel, marginalMoments } from "./marginalModel.js";
import { ProfiledDeviance } from "./profiledDeviance.js";

/** The plain-data part of a fit (no functions), which can be sent to worker threads. */
export function plainModel(model: InferenceModel): InferenceModel {
  const { reml, n, p, q, x, y, terms, theta, beta, sigma, fixedNames } = model;
  return {
    reml,
    n,
    p,
    q,
    x,
    y,
    theta,
    beta,
    sigma,
    fixedNames: [...fixedNames],
    terms: terms.map((t) => ({ ...t, columnNames: [...t.columnNames], levels: [...t.levels] })),
  };
}

/**
 * Refit of the same design to a new response for the parametric bootstrap: theta minimises the profiled
 * criterion (ProfiledDeviance, O(q^3) per evaluation) with numerics' minimizeBounded from the fitted theta,
 * then sigma and beta at their profiled values. Pure and self-contained, so every worker refits a replicate
 * to the same bits.
 */
export function profiledRefit(model: InferenceModel): (y: ArrayLike<number>) => InferenceModel {
  const lower = new Float64Array(model.theta.length).fill(-Infinity);
  for (const term of model.terms) {
    const pi = term.columnNames.length;
    let k = term.thetaOffset;
    for (let c = 0; c < pi; c++) for (let r = c; r < pi; r++) lower[k++] = r === c ? 0 : -Infinity;
  }
  const upper = new Float64Array(lower.length).fill(Infinity);
  const base = plainModel(model);
  return (y) => {
    const next: InferenceModel = { ...base, y: Float64Array.from(y) };
    const deviance = new ProfiledDeviance(next);
    const fit = minimizeBounded((t) => deviance.evaluate(t, { reml: model.reml }), model.theta, lower, upper);
    if (!Number.isFinite(fit.value)) throw new Error("bootstrap refit failed: the criterion is not finite");
    const theta = fit.x;
    const sigma = deviance.sigmaAt(theta, model.reml);
    return { ...next, theta, sigma, beta: marginalMoments(next, theta, sigma).beta };
  };
}
