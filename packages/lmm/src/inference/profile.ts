import { minimizeBounded, normalQuantile } from "@biomarker/numerics";
import type { InferenceModel } from "./marginalModel.js";
import { marginalMoments } from "./marginalModel.js";
import { type ProfileConstraint, ProfiledDeviance } from "./profiledDeviance.js";

export interface ProfileInterval {
  /** "sigma" or a fixed-effect name, as lme4's confint(oldNames = FALSE) names them. */
  readonly parameter: string;
  readonly estimate: number;
  /** null when the profile does not reach the cut-off on that side (e.g. sigma bounded by 0). */
  readonly lower: number | null;
  readonly upper: number | null;
  /** The criterion profiled: the one the model was fitted with. */
  readonly criterion: "REML" | "ML";
}

export interface ProfileOptions {
  /** Confidence level; default 0.95. */
  readonly level?: number;
  /** Which parameters: default every fixed effect and "sigma". */
  readonly parameters?: readonly string[];
}

function thetaLower(model: InferenceModel): Float64Array {
  const lower = new Float64Array(model.theta.length).fill(-Infinity);
  for (const term of model.terms) {
    const pi = term.columnNames.length;
    let k = term.thetaOffset;
    for (let c = 0; c < pi; c++) for (let r = c; r < pi; r++) lower[k++] = r === c ? 0 : -Infinity;
  }
  return lower;
}

/**
 * Profile-likelihood confidence intervals (Bates et al. 2015, sec. 5.1; Venzon & Moolgavkar 1988): for a
 * parameter psi, zeta(psi) = sign(psi - psi_hat) sqrt(D_psi(psi) - D_min), where D_psi is the deviance
 * minimised over all other parameters with psi held; the interval is {psi : |zeta(psi)| <= z_{1-alpha/2}}.
 *
 * The deviance is the criterion the model was fitted with. For ML fits this is lme4's profile (the limits
 * are found by root finding on zeta instead of lme4's spline through a grid, so they differ from lme4's in
 * the 4th-5th digit). For REML fits lme4 profiles the ML deviance; here sigma is profiled on the REML
 * criterion, and a fixed effect beta_j on the REML criterion of the model with x_j beta_j as an offset (the
 * restricted likelihood integrating out the other fixed effects), whose minimum D_min is that of the same
 * reduced criterion with beta_j free. Random-effect SDs and correlations are not profiled here (use the
 * parametric bootstrap).
 */
export function profileConfint(model: InferenceModel, options: ProfileOptions = {}): ProfileInterval[] {
  const level = options.level ?? 0.95;
  const z = normalQuantile(1 - (1 - level) / 2);
  const deviance = new ProfiledDeviance(model);
  const lower = thetaLower(model);
  const upper = new Float64Array(lower.length).fill(Infinity);
  const reml = model.reml;
  const criterion = reml ? "REML" : "ML";
  let warm: Float64Array = Float64Array.from(model.theta);
  const minimizeOver = (constraint: ProfileConstraint): number => {
    if (warm.length === 0) return deviance.evaluate(warm, constraint);
    const r = minimizeBounded((t) => deviance.evaluate(t, constraint), warm, lower, upper, { xTolAbs: 1e-10, fTolAbs: 1e-12 });
    warm = r.x;
    return r.value;
  };
  const vcov = marginalMoments(model, model.theta, model.sigma).vcovBeta;
  const parameters = options.parameters ?? [...model.fixedNames, "sigma"];
  return parameters.map((parameter) => {
    warm = Float64Array.from(model.theta);
    if (parameter === "sigma") {
      const dMin = minimizeOver({ reml });
      const estimate = model.sigma;
      const nu = reml ? model.n - model.p : model.n;
      const step = estimate / Math.sqrt(2 * nu);
      const zeta = (s: number) => Math.sqrt(Math.max(0, minimizeOver({ reml, sigma: s }) - dMin));
      return { parameter, estimate, criterion, ...limits(zeta, estimate, step, z, 0) };
    }
    const j = model.fixedNames.indexOf(parameter);
    if (j < 0) throw new Error(`unknown parameter '${parameter}' (fixed effects: ${model.fixedNames.join(", ")}, or sigma)`);
    const dMin = minimizeOver({ reml, fixed: { index: j, value: null } });
    const estimate = model.beta[j];
    const step = Math.sqrt(vcov[j * (model.p + 1)]);
    const zeta = (b: number) => Math.sqrt(Math.max(0, minimizeOver({ reml, fixed: { index: j, value: b } }) - dMin));
    return { parameter, estimate, criterion, ...limits(zeta, estimate, step, z, -Infinity) };
  });
}

/** Both roots of |zeta| = z around the estimate: bracket outwards from estimate -/+ z step, then solve by
 *  bisection refined with the secant rule (zeta is close to linear near the limits). */
function limits(
  absZeta: (v: number) => number,
  estimate: number,
  step: number,
  z: number,
  bound: number,
): { lower: number | null; upper: number | null } {
  const side = (direction: -1 | 1): number | null => {
    let inner = estimate;
    let innerValue = absZeta(estimate) - z;
    if (innerValue > 0) return estimate;
    let outer = estimate + direction * z * step;
    let k = 0;
    if (direction < 0 && outer <= bound) outer = (estimate + bound) / 2;
    let outerValue = absZeta(outer) - z;
    while (outerValue < 0) {
      inner = outer;
      innerValue = outerValue;
      if (++k > 60) return null;
      let next = estimate + direction * z * step * 2 ** k;
      if (direction < 0 && next <= bound) next = (outer + bound) / 2;
      if (next === outer) return null;
      outer = next;
      outerValue = absZeta(outer) - z;
    }
    // Illinois false position on [inner, outer] (Dowell & Jarratt 1971).
    let a = inner;
    let fa = innerValue;
    let b = outer;
    let fb = outerValue;
    for (let it = 0; it < 200; it++) {
      const c = b - (fb * (b - a)) / (fb - fa);
      const fc = absZeta(c) - z;
      if (fc * fb < 0) {
        a = b;
        fa = fb;
      } else {
        fa /= 2;
      }
      b = c;
      fb = fc;
      if (Math.abs(fc) < 1e-11 || Math.abs(b - a) < 1e-12 * Math.max(1, Math.abs(b))) break;
    }
    return b;
  };
  return { lower: side(-1), upper: side(1) };
}
