import { thetaLowerBounds } from "../design/thetaLayout.js";
import { optimizeTheta } from "../fit/optimize.js";
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
 * criterion (ProfiledDeviance, O(q^3) per evaluation) from the fitted theta by the fitter's own optimizer
 * (optimizeTheta: Newton polish, trust region when needed, boundary tries), then sigma and beta at their
 * profiled values. Pure and self-contained, so every worker refits a replicate
 * to the same bits.
 */
export function profiledRefit(model: InferenceModel): (y: ArrayLike<number>) => InferenceModel {
  const lower = thetaLowerBounds(model.terms);
  const base = plainModel(model);
  return (y) => {
    const next: InferenceModel = { ...base, y: Float64Array.from(y) };
    const deviance = new ProfiledDeviance(next);
    const { theta } = optimizeTheta((t) => deviance.evaluate(t, { reml: model.reml }), model.theta, lower);
    if (!Number.isFinite(deviance.evaluate(theta, { reml: model.reml }))) throw new Error("bootstrap refit failed: the criterion is not finite");
    const sigma = deviance.sigmaAt(theta, model.reml);
    return { ...next, theta, sigma, beta: marginalMoments(next, theta, sigma).beta };
  };
}
