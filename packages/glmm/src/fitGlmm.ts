import { type DataColumns, thetaLowerBounds, thetaStart } from "@biomarker/lmm";
import { cholesky, invertLower, minimizeBounded, twoSidedNormalPValue } from "@biomarker/numerics";
import { type GlmmDesign, type GlmmDesignOptions, buildGlmmDesign } from "./design/design.js";
import { GlmmInputError } from "./errors.js";
import { type FamilyName, families } from "./family/family.js";
import { adaptiveQuadratureDeviance, laplaceDeviance, quadratureRule } from "./fit/deviance.js";
import { finiteDifferenceDerivatives } from "./fit/hessian.js";
import { Pirls } from "./fit/pirls.js";
import type { GlmmConditionalModes, GlmmCorrelation, GlmmFit, GlmmVarianceComponent } from "./fit/result.js";

export interface GlmmOptions extends GlmmDesignOptions {
  /** Response distribution with its canonical link: binomial (logit) or poisson (log). */
  readonly family: FamilyName;
  /** 1 (default) = Laplace; 2..25 = adaptive Gauss-Hermite quadrature, for one scalar random effect only. */
  readonly nAGQ?: number;
}

/** lme4's singularity tolerance (isSingular) and checkConv's gradient tolerance. */
const singularTolerance = 1e-4;
const gradientTolerance = 2e-3;
const optionKeys = new Set(["family", "nAGQ", "levels"]);

/** Inverse of a symmetric positive definite matrix (column-major), or null when it is not. */
function inverseSpd(a: Float64Array, k: number): Float64Array | null {
  const c = cholesky(a, k, 0);
  if (!c.positiveDefinite) return null;
  const li = invertLower(c.factor, k);
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let r = i; r < k; r++) s += li[r + k * i] * li[r + k * j];
      out[i + k * j] = s;
      out[j + k * i] = s;
    }
  }
  return out;
}

/**
 * Fits a generalized linear mixed model as lme4::glmer does with its defaults: stage 1 optimizes theta with
 * beta in PIRLS (nAGQ = 0), stage 2 optimizes (theta, beta) for the Laplace (nAGQ = 1) or adaptive
 * Gauss-Hermite (nAGQ > 1) deviance, here by a bounded trust-region Newton method to a tight optimum.
 * Standard errors as glmer's vcov(): the beta block of (H / 2)^{-1}, H the finite-difference Hessian of
 * the deviance over (theta, beta) (lme4's deriv12, step 1e-4); when H is not positive definite (a fit on
 * the boundary) they come from PIRLS's (R_X' R_X)^{-1}, as glmer falls back.
 *
 * e.g. fitGlmm(cbpp, "cbind(incidence, size - incidence) ~ period + (1 | herd)", { family: "binomial" })
 */
export function fitGlmm(data: DataColumns, formula: string, options: GlmmOptions): GlmmFit {
  for (const key of Object.keys(options)) if (!optionKeys.has(key)) throw new GlmmInputError(`unknown option '${key}'`);
  const family = families[options.family];
  if (!family) throw new GlmmInputError(`unknown family '${String(options.family)}' (binomial or poisson)`);
  const nAGQ = options.nAGQ ?? 1;
  if (!Number.isInteger(nAGQ) || nAGQ < 1 || nAGQ > 25) throw new GlmmInputError(`nAGQ must be a whole number from 1 to 25, got ${nAGQ}`);
  const design = buildGlmmDesign(data, formula, family, { levels: options.levels });
  if (nAGQ > 1 && (design.random.length !== 1 || design.random[0].columnNames.length !== 1)) {
    throw new GlmmInputError("nAGQ > 1 needs a single scalar random effect, e.g. (1 | subject); use nAGQ = 1 (Laplace)");
  }
  return fitGlmmDesign(design, nAGQ);
}

export function fitGlmmDesign(design: GlmmDesign, nAGQ: number): GlmmFit {
  const { p, random } = design;
  const pirls = new Pirls(design);
  const thetaLower = thetaLowerBounds(random);
  const nTheta = thetaLower.length;
  let evaluations = 0;

  // Stage 1 (nAGQ = 0): theta only, beta and u jointly by PIRLS.
  let beta: Float64Array = new Float64Array(p);
  const stage1 = (theta: Float64Array): number => {
    evaluations++;
    pirls.setTheta(theta);
    const r = pirls.solve(beta, true);
    beta = r.beta;
    return r.d + r.logDetL;
  };
  const s1 = minimizeBounded(stage1, thetaStart(random), thetaLower, new Float64Array(nTheta).fill(Infinity), { xTolAbs: 1e-6, fTolAbs: 1e-6 });
  stage1(s1.x);

  // Stage 2: (theta, beta) for the Laplace or quadrature deviance.
  const rule = nAGQ > 1 ? quadratureRule(nAGQ) : null;
  const deviance = (par: Float64Array): number => {
    evaluations++;
    const theta = par.subarray(0, nTheta);
    const b = par.slice(nTheta);
    return rule ? adaptiveQuadratureDeviance(pirls, theta, b, rule) : laplaceDeviance(pirls, theta, b);
  };
  const lower = new Float64Array(nTheta + p).fill(-Infinity);
  lower.set(thetaLower);
  const upper = new Float64Array(nTheta + p).fill(Infinity);
  const start = new Float64Array(nTheta + p);
  start.set(s1.x);
  start.set(beta, nTheta);
  let best = minimizeBounded(deviance, start, lower, upper);
  // A theta within the singularity tolerance of its bound is tried on the bound, as lme4 does.
  const onBound = Float64Array.from(best.x);
  let moved = false;
  for (let i = 0; i < nTheta; i++) {
    if (thetaLower[i] === 0 && onBound[i] !== 0 && onBound[i] < singularTolerance) {
      onBound[i] = 0;
      moved = true;
    }
  }
  if (moved) {
    const again = minimizeBounded(deviance, onBound, lower, upper);
    if (again.value <= best.value) best = again;
  }
  const par = best.x;
  const theta = par.slice(0, nTheta);
  beta = par.slice(nTheta);
  const derivs = finiteDifferenceDerivatives(deviance, par, lower);
  const dev = deviance(par);
  const singular = [...thetaLower].some((l, i) => l === 0 && theta[i] < singularTolerance);

  // vcov(beta): (H / 2)^{-1}'s beta block; else (R_X' R_X)^{-1} from the joint PIRLS Hessian.
  const k = nTheta + p;
  const half = derivs.hessian.map((v) => v / 2);
  const full = derivs.hessian.every(Number.isFinite) ? inverseSpd(half, k) : null;
  let vcov: number[][];
  let vcovMethod: "hessian" | "RX" = "hessian";
  const warnings: string[] = [];
  if (full) {
    vcov = [...Array(p).keys()].map((i) => [...Array(p).keys()].map((j) => full[nTheta + i + k * (nTheta + j)]));
  } else {
    vcovMethod = "RX";
    warnings.push("the finite-difference Hessian is not positive definite: vcov from R_X (PIRLS) instead");
    vcov = rxVcov(pirls, theta, beta);
  }
  // checkConv: max over free parameters of |g| (the scaled form needs H positive definite).
  let maxGradient = 0;
  for (let i = 0; i < k; i++) {
    if (!(lower[i] === par[i] && derivs.gradient[i] >= 0)) maxGradient = Math.max(maxGradient, Math.abs(derivs.gradient[i]));
  }
  const converged = best.converged || maxGradient < gradientTolerance;
  if (!converged) warnings.push(`model failed to converge: max|grad| = ${maxGradient.toPrecision(4)}`);
  if (singular) warnings.push("boundary (singular) fit: see help('isSingular')");

  // Final state at the optimum: modes, linear predictor, fitted means.
  pirls.setTheta(theta);
  pirls.solve(beta, false);
  const eta = pirls.linearPredictor(beta, pirls.u, new Float64Array(design.n));
  const fitted = Array.from(eta, (e, i) => design.family.mean(design.trials[i], e));

  const fixedEffects = design.fixedNames.map((term, j) => {
    const stdError = Math.sqrt(vcov[j][j]);
    const statistic = beta[j] / stdError;
    return { term, estimate: beta[j], stdError, statistic, pValue: twoSidedNormalPValue(statistic) };
  });
  const { components, correlations, modes } = randomEffectSummaries(design, theta, pirls.u);
  const npar = nTheta + p;
  const logLik = -dev / 2;
  const nGroups: Record<string, number> = {};
  for (const t of random) nGroups[t.group] = t.levels.length;
  return {
    formula: design.terms.formula,
    family: design.family.name,
    link: design.family.link,
    nAGQ,
    nObs: design.n,
    nGroups,
    converged,
    singular,
    warnings,
    fixedEffects,
    varianceComponents: components,
    correlations,
    theta: Array.from(theta),
    logLik,
    deviance: dev,
    aic: dev + 2 * npar,
    bic: dev + Math.log(design.n) * npar,
    vcovMethod,
    nDropped: design.nDropped,
    vcov,
    randomEffects: modes,
    fitted,
    linearPredictor: Array.from(eta),
    rows: Array.from(design.rows),
    evaluations,
  };
}

/** (R_X' R_X)^{-1}: the beta block of the inverse of the joint PIRLS Hessian at the optimum. */
function rxVcov(pirls: Pirls, theta: Float64Array, beta: Float64Array): number[][] {
  const { q, p, n, width, design } = pirls;
  pirls.setTheta(theta);
  pirls.solve(beta, false);
  const eta = pirls.linearPredictor(beta, pirls.u, new Float64Array(n));
  const dim = q + p;
  const h = new Float64Array(dim * dim);
  for (let k = 0; k < q; k++) h[k + dim * k] = 1;
  for (let i = 0; i < n; i++) {
    const w = design.family.weight(design.trials[i], eta[i]);
    const cols: number[] = [];
    const vals: number[] = [];
    for (let a = 0; a < width; a++) {
      cols.push(pirls.aCol[i * width + a]);
      vals.push(pirls.aVal[i * width + a]);
    }
    for (let j = 0; j < p; j++) {
      cols.push(q + j);
      vals.push(design.x[i + n * j]);
    }
    for (let a = 0; a < cols.length; a++) for (let c = 0; c < cols.length; c++) h[cols[a] + dim * cols[c]] += w * vals[a] * vals[c];
  }
  const inv = inverseSpd(h, dim);
  if (!inv) throw new GlmmInputError("the fixed effects are not estimable: X' W X is singular at the optimum");
  return [...Array(p).keys()].map((i) => [...Array(p).keys()].map((j) => inv[q + i + dim * (q + j)]));
}

/** VarCorr (Sigma_t = T_t T_t', the scale fixed at 1) and the modes b = Lambda u, per term. */
function randomEffectSummaries(design: GlmmDesign, theta: Float64Array, u: Float64Array) {
  const components: GlmmVarianceComponent[] = [];
  const correlations: GlmmCorrelation[] = [];
  const modes: GlmmConditionalModes[] = [];
  const seen = new Map<string, number>();
  for (const t of design.random) {
    const count = seen.get(t.group) ?? 0;
    seen.set(t.group, count + 1);
    const group = count === 0 ? t.group : `${t.group}.${count}`;
    const pt = t.columnNames.length;
    const tm = new Float64Array(pt * pt);
    let o = t.thetaOffset;
    for (let c = 0; c < pt; c++) for (let r = c; r < pt; r++) tm[r + pt * c] = theta[o++];
    const sigma = (i: number, j: number): number => {
      let s = 0;
      for (let k = 0; k <= Math.min(i, j); k++) s += tm[i + pt * k] * tm[j + pt * k];
      return s;
    };
    for (let i = 0; i < pt; i++) {
      components.push({ group, term: t.columnNames[i], variance: sigma(i, i), stdDev: Math.sqrt(sigma(i, i)) });
    }
    for (let j = 0; j < pt; j++) {
      for (let i = j + 1; i < pt; i++) {
        const denominator = Math.sqrt(sigma(i, i) * sigma(j, j));
        correlations.push({ group, term1: t.columnNames[j], term2: t.columnNames[i], correlation: denominator > 0 ? sigma(i, j) / denominator : 0 });
      }
    }
    modes.push({
      group,
      terms: [...t.columnNames],
      levels: [...t.levels],
      modes: t.levels.map((_, level) =>
        [...Array(pt).keys()].map((r) => {
          let s = 0;
          for (let c = 0; c <= r; c++) s += tm[r + pt * c] * u[t.zOffset + level * pt + c];
          return s;
        }),
      ),
    });
  }
  return { components, correlations, modes };
}
