import { packTermFactor, thetaLowerBounds } from "../design/thetaLayout.js";
import { checkOptions, minimizeBounded, normalQuantile } from "@biomarker/numerics";
import { type FitOrModel, type InferenceModel, marginalMoments, modelOf } from "./marginalModel.js";
import { type ProfileConstraint, ProfiledDeviance } from "./profiledDeviance.js";
import { varianceParameters } from "./varianceParameters.js";

export interface ProfileInterval {
  /** As lme4's confint(oldNames = FALSE) names them: "sd_(Intercept)|Subject", "cor_Days.(Intercept)|Subject",
   *  "sigma", fixed-effect names. */
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
  /** Which parameters: default all, in lme4's order (random-effect SDs and correlations, sigma, fixed effects). */
  readonly parameters?: readonly string[];
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
 * reduced criterion with beta_j free. Random-effect SDs and correlations are profiled on the standard-deviation
 * scale as lme4 does: with one SD or correlation held, the deviance is minimised over all the other SDs,
 * correlations and sigma (Sigma_i = D R D, T_i = chol(Sigma_i) / sigma).
 */
export function profileConfint(fit: FitOrModel, options: ProfileOptions = {}): ProfileInterval[] {
  checkOptions("profileConfint", options, { level: "number", parameters: "array" });
  const model = modelOf(fit);
  const level = options.level ?? 0.95;
  const z = normalQuantile(1 - (1 - level) / 2);
  const deviance = new ProfiledDeviance(model);
  const lower = thetaLowerBounds(model.terms);
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
  const scale = varianceScale(model);
  const parameters = options.parameters ?? [...scale.names.slice(0, -1), "sigma", ...model.fixedNames];
  const dMinAll = deviance.evaluate(model.theta, { reml });
  return parameters.map((parameter) => {
    warm = Float64Array.from(model.theta);
    const k = scale.names.indexOf(parameter);
    if (k >= 0 && parameter !== "sigma") {
      const psiHat = scale.values;
      const free = [...psiHat.keys()].filter((i) => i !== k);
      let start: Float64Array = Float64Array.from(free, (i) => psiHat[i]);
      const psi = new Float64Array(psiHat.length);
      const devAt = (v: number) => {
        const f = (x: Float64Array) => {
          free.forEach((i, j) => (psi[i] = x[j]));
          psi[k] = v;
          const ts = scale.toThetaSigma(psi);
          return ts ? deviance.evaluate(ts.theta, { reml, sigma: ts.sigma }) : Number.POSITIVE_INFINITY;
        };
        const r = minimizeBounded(f, start, free.map((i) => scale.lower[i]), free.map((i) => scale.upper[i]), { xTolAbs: 1e-9, fTolAbs: 1e-11 });
        start = r.x;
        return r.value;
      };
      const estimate = psiHat[k];
      const zeta = (v: number) => Math.sqrt(Math.max(0, devAt(v) - dMinAll));
      const isCor = parameter.startsWith("cor_");
      const step = isCor ? Math.max(0.05, (1 - estimate * estimate) / Math.sqrt(model.n)) : Math.max(estimate, 1e-3 * model.sigma) / 4;
      const { lower: lo, upper: hi } = limits(zeta, estimate, step, z, scale.lower[k], scale.upper[k]);
      return { parameter, estimate, criterion, lower: lo ?? scale.lower[k], upper: hi ?? (isCor ? 1 : null) };
    }
    if (parameter === "sigma") {
      const dMin = minimizeOver({ reml });
      const estimate = model.sigma;
      const nu = reml ? model.n - model.p : model.n;
      const step = estimate / Math.sqrt(2 * nu);
      const zeta = (s: number) => Math.sqrt(Math.max(0, minimizeOver({ reml, sigma: s }) - dMin));
      return { parameter, estimate, criterion, ...limits(zeta, estimate, step, z, 0, Infinity) };
    }
    const j = model.fixedNames.indexOf(parameter);
    if (j < 0) throw new Error(`unknown parameter '${parameter}' (fixed effects: ${model.fixedNames.join(", ")}, or sigma)`);
    const dMin = minimizeOver({ reml, fixed: { index: j, value: null } });
    const estimate = model.beta[j];
    const step = Math.sqrt(vcov[j * (model.p + 1)]);
    const zeta = (b: number) => Math.sqrt(Math.max(0, minimizeOver({ reml, fixed: { index: j, value: b } }) - dMin));
    return { parameter, estimate, criterion, ...limits(zeta, estimate, step, z, -Infinity, Infinity) };
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
  upperBound: number,
): { lower: number | null; upper: number | null } {
  const side = (direction: -1 | 1): number | null => {
    let inner = estimate;
    let innerValue = absZeta(estimate) - z;
    if (innerValue > 0) return estimate;
    const edge = direction < 0 ? bound : upperBound;
    const clamp = (v: number, previous: number) => ((direction < 0 ? v <= edge : v >= edge) ? (previous + edge) / 2 : v);
    let outer = clamp(estimate + direction * z * step, estimate);
    let k = 0;
    let outerValue = absZeta(outer) - z;
    while (outerValue < 0) {
      inner = outer;
      innerValue = outerValue;
      if (++k > 60) return null;
      const next = clamp(estimate + direction * z * step * 2 ** k, outer);
      if (next === outer || Math.abs(next - edge) < 1e-10 * Math.max(1, Math.abs(edge))) return null;
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

/** lme4's standard-deviation scale: per term the SDs and correlations (names as confint(oldNames = FALSE)),
 *  then sigma; with bounds and the map back to (theta, sigma). */
function varianceScale(model: InferenceModel) {
  const parameters = varianceParameters(model);
  const names = parameters.names;
  // An undefined correlation (zero SDs) starts the profile at 0.
  const values = parameters.values.map((v) => (Number.isNaN(v) ? 0 : v));
  const lower: number[] = parameters.kinds.map((kind) => (kind === "sd" ? 0 : -1));
  const upper: number[] = parameters.kinds.map((kind) => (kind === "sd" ? Infinity : 1));
  names.push("sigma");
  values.push(model.sigma);
  lower.push(1e-12 * model.sigma);
  upper.push(Infinity);
  const toThetaSigma = (psi: Float64Array): { theta: Float64Array; sigma: number } | null => {
    const sigma = psi[psi.length - 1];
    const theta = new Float64Array(model.theta.length);
    let k = 0;
    for (const term of model.terms) {
      const pi = term.columnNames.length;
      const sd = new Float64Array(pi);
      const cor = new Float64Array(pi * pi);
      for (let c = 0; c < pi; c++) for (let r = c; r < pi; r++, k++) {
        if (r === c) sd[r] = psi[k];
        else cor[r + pi * c] = cor[c + pi * r] = psi[k];
      }
      for (let i = 0; i < pi; i++) cor[i * (pi + 1)] = 1;
      // Sigma / sigma^2 = D R D / sigma^2, factored by a semidefinite Cholesky (a zero SD gives a zero column).
      const l = new Float64Array(pi * pi);
      for (let j = 0; j < pi; j++) {
        let d = (sd[j] * sd[j]) / (sigma * sigma);
        for (let m = 0; m < j; m++) d -= l[j + pi * m] * l[j + pi * m];
        if (d < -1e-12) return null;
        const djj = Math.sqrt(Math.max(0, d));
        l[j + pi * j] = djj;
        for (let i = j + 1; i < pi; i++) {
          let s = (sd[i] * sd[j] * cor[i + pi * j]) / (sigma * sigma);
          for (let m = 0; m < j; m++) s -= l[i + pi * m] * l[j + pi * m];
          if (djj === 0) {
            if (Math.abs(s) > 1e-12) return null;
            l[i + pi * j] = 0;
          } else l[i + pi * j] = s / djj;
        }
      }
      packTermFactor(l, pi, theta, term.thetaOffset);
    }
    return { theta, sigma };
  };
  return { names, values: Float64Array.from(values), lower: Float64Array.from(lower), upper: Float64Array.from(upper), toThetaSigma };
}
