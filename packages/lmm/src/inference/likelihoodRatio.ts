import { chiSquareSf } from "@biomarker/numerics";
import { type FitOrModel, type InferenceModel, modelOf } from "./marginalModel.js";
import { ProfiledDeviance } from "./profiledDeviance.js";

/** A model that can be refitted by ML when it was fitted by REML (LmmModel.refitWith). */
export type RefittableModel = InferenceModel & { refitWith?(options: { reml: boolean }): InferenceModel };

export interface InformationCriteria {
  /** Number of parameters: fixed effects + theta + sigma. */
  readonly npar: number;
  readonly logLik: number;
  /** -2 logLik (ML). */
  readonly deviance: number;
  readonly aic: number;
  readonly bic: number;
}

export interface LikelihoodRatioResult {
  /** The smaller model first (by npar), as R's anova orders them. */
  readonly models: [InformationCriteria, InformationCriteria];
  readonly chisq: number;
  readonly df: number;
  readonly pValue: number;
  /** True when REML fits were refitted by ML first (R's anova(refit = TRUE)). */
  readonly refittedMl: boolean;
  /** Set when the models differ in random-effect parameters: the null value lies on the boundary, the
   *  chi-square reference is conservative (Self & Liang 1987; Stram & Lee 1994). */
  readonly boundaryNote: string | null;
}

export class LikelihoodRatioError extends Error {
  readonly inputError = true;
  constructor(message: string) {
    super(message);
    this.name = "LikelihoodRatioError";
  }
}

/** ML log-likelihood and information criteria with lme4's conventions (logLik.merMod, AIC, BIC with n obs). */
export function informationCriteria(model: InferenceModel): InformationCriteria {
  if (model.reml) throw new LikelihoodRatioError("information criteria for model comparison need ML fits");
  const deviance = new ProfiledDeviance(model).evaluate(model.theta, { reml: false });
  const npar = model.p + model.theta.length + 1;
  return { npar, logLik: -deviance / 2, deviance, aic: deviance + 2 * npar, bic: deviance + npar * Math.log(model.n) };
}

/**
 * Likelihood-ratio test between nested models, as R's anova(m0, m1) for merMod: REML fits are refitted by
 * ML (REML likelihoods of models with different fixed effects are not comparable), chisq = max(0,
 * deviance_0 - deviance_1) on npar_1 - npar_0 df. Nesting is the caller's responsibility (as in R); the
 * response and number of observations must agree.
 */
export function likelihoodRatioTest(fit0: FitOrModel<RefittableModel>, fit1: FitOrModel<RefittableModel>): LikelihoodRatioResult {
  const a = modelOf(fit0);
  const b = modelOf(fit1);
  if (a.n !== b.n) throw new LikelihoodRatioError(`models were fitted to different numbers of observations (${a.n} and ${b.n})`);
  for (let i = 0; i < a.n; i++) {
    if (a.y[i] !== b.y[i]) throw new LikelihoodRatioError("models were fitted to different responses");
  }
  const refittedMl = a.reml || b.reml;
  const ml = (m: RefittableModel): InferenceModel => {
    if (!m.reml) return m;
    if (!m.refitWith) throw new LikelihoodRatioError("a REML fit must be refitted by ML for a likelihood-ratio test");
    return m.refitWith({ reml: false });
  };
  let m0 = ml(a);
  let m1 = ml(b);
  let i0 = informationCriteria(m0);
  let i1 = informationCriteria(m1);
  if (i0.npar > i1.npar) {
    [m0, m1] = [m1, m0];
    [i0, i1] = [i1, i0];
  }
  const df = i1.npar - i0.npar;
  if (df <= 0) throw new LikelihoodRatioError("the models have the same number of parameters; they are not nested");
  const chisq = Math.max(0, i0.deviance - i1.deviance);
  const boundaryNote =
    m0.theta.length !== m1.theta.length
      ? "the models differ in random-effect parameters: the null lies on the boundary and the chi-square p-value is conservative"
      : null;
  return { models: [i0, i1], chisq, df, pValue: chiSquareSf(chisq, df), refittedMl, boundaryNote };
}

export interface ModelComparisonRow extends InformationCriteria {
  /** Test against the previous row (null on the first). */
  readonly chisq: number | null;
  readonly df: number | null;
  readonly pValue: number | null;
}

/**
 * R's anova(m1, m2, ...) for several fits: ML refits where needed, rows ordered by number of parameters,
 * each tested against the previous one (chisq = max(0, deviance difference) on the difference in npar).
 * As in R, nesting is not checked.
 */
export function likelihoodRatioTable(fits: readonly FitOrModel<RefittableModel>[]): ModelComparisonRow[] {
  const models = fits.map((f) => modelOf(f));
  if (models.length < 2) throw new LikelihoodRatioError("compare at least two models");
  const n = models[0].n;
  if (models.some((m) => m.n !== n)) throw new LikelihoodRatioError("models were fitted to different numbers of observations");
  const criteria = models
    .map((m) => {
      if (!m.reml) return informationCriteria(m);
      if (!m.refitWith) throw new LikelihoodRatioError("a REML fit must be refitted by ML for a likelihood-ratio test");
      return informationCriteria(m.refitWith({ reml: false }));
    })
    .map((c, i) => [c, i] as const)
    .sort((a, b) => a[0].npar - b[0].npar || a[1] - b[1])
    .map(([c]) => c);
  return criteria.map((c, k) => {
    if (k === 0) return { ...c, chisq: null, df: null, pValue: null };
    const prev = criteria[k - 1];
    const df = c.npar - prev.npar;
    const chisq = Math.max(0, prev.deviance - c.deviance);
    return { ...c, chisq, df, pValue: df > 0 ? chiSquareSf(chisq, df) : null };
  });
}
