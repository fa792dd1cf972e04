import { fitCensoredLmm, fitLmm, lmmInference, type CensoredLmmFit, type LmmFit, type LmmInferenceResult } from "@biomarker/lmm";
import { studentTQuantile, normalQuantile } from "@biomarker/numerics";
import type { AnalysisPlan } from "../plan/schema.js";
import type { FeatureDynamics, FitCensoring } from "../results.js";
import type { StudyMeasurement } from "../study/model.js";
import { applyTransform, linearValue, valueOrLimit, type Transform } from "./values.js";

type Fit = NonNullable<FeatureDynamics["fit"]>;
export type LmmCensoring = AnalysisPlan["censoring"]["lmm"];
type Visits = readonly { visit: string; day: number }[];

/**
 * Fits the group's formula to one feature (columns value, visit, day, subject; value on the transformed
 * scale) with the baseline as the reference (first) level of the visit factor.
 * - `censoring` "likelihood" and some value censored: the censored-Gaussian (Tobit) mixed model of
 *   @biomarker/lmm (`fitCensoredLmm`, ML by adaptive Gauss-Hermite quadrature); the change from baseline
 *   at a visit is the visit coefficient, with a Wald t test on between-within df (z under ddf "none");
 *   a visit whose values are all censored is not estimable and gets a one-sided profile-likelihood bound.
 * - otherwise REML with @biomarker/lmm's small-sample inference: estimated marginal means per visit and
 *   contrasts against baseline (emmeans' trt.vs.ctrl), Satterthwaite or Kenward-Roger df (Wald z under
 *   "none"); censored values substituted (half the limit, the limit) or left out per `censoring`.
 * A formula without a visit factor is fitted but has no per-visit means or contrasts.
 */
export function fitFeatureLmm(
  measurements: readonly StudyMeasurement[],
  transform: Transform,
  formula: string,
  plan: AnalysisPlan,
  visits: Visits,
  censoring: LmmCensoring = plan.censoring.lmm,
): { fit: Fit | null; note: string | null } {
  const censored = measurements.filter((m) => m.censored).length;
  if (censoring === "likelihood" && censored > 0) return fitLikelihood(measurements, transform, formula, plan, visits, censored);
  const substitution = censoring === "likelihood" ? "exclude" : censoring;
  const baseline = plan.visits.baseline;
  const used = measurements.filter((m) => linearValue(m, transform, substitution) !== null);
  const present = new Set(used.map((m) => m.visit));
  if (!present.has(baseline)) return { fit: null, note: `No model: no usable value at the baseline visit ${baseline}.` };
  const levels = [baseline, ...visits.map((v) => v.visit).filter((v) => v !== baseline && present.has(v))];
  const fitCensoring: FitCensoring = {
    method: censoring === "likelihood" ? "reml" : censoring,
    censored,
    substituted: substitution === "exclude" ? 0 : used.filter((m) => m.censored).length,
  };
  let fit: LmmFit;
  try {
    fit = fitLmm(
      {
        value: used.map((m) => linearValue(m, transform, substitution)),
        visit: used.map((m) => m.visit),
        day: used.map((m) => m.day),
        subject: used.map((m) => m.subject),
      },
      formula,
      { levels: { visit: levels } },
    );
  } catch (error) {
    return { fit: null, note: `No model: ${(error as Error).message}` };
  }
  const hasVisitFactor = fit.design.terms.fixed.variables.some((v) => v.column === "visit" && fit.design.levels[v.column]);
  let inference: LmmInferenceResult;
  try {
    inference = lmmInference(fit, {
      ddf: plan.lmm.ddf,
      ...(hasVisitFactor ? { emmeans: "visit", contrast: "baseline" as const } : {}),
      ci: "none",
      level: plan.lmm.confLevel,
    });
  } catch (error) {
    return { fit: summary(fit, fitCensoring, [], []), note: `No small-sample inference: ${(error as Error).message}` };
  }
  const dayOf = new Map(visits.map((v) => [v.visit, v.day]));
  const means: Fit["means"] = (inference.emmeans?.means ?? []).map((m) => ({ visit: m.level, day: dayOf.get(m.level) ?? 0, estimate: m.estimate, lower: m.lower, upper: m.upper }));
  const contrasts: Fit["contrasts"] = (inference.emmeans?.contrasts ?? []).map((c) => ({
    // emmeans names a contrast "V - baseline".
    visit: c.contrast.slice(0, c.contrast.lastIndexOf(` - ${baseline}`)),
    estimate: c.estimate,
    stdError: c.stdError,
    df: c.df,
    lower: c.lower,
    upper: c.upper,
    pValue: c.pValue,
    pAdjusted: null,
    bound: null,
  }));
  sortByVisit(means, visits);
  sortByVisit(contrasts, visits);
  const notes = [
    ...(fit.singular ? [`Singular fit (a random-effect variance is estimated at zero); df rule: ${inference.dfRule}.`] : []),
    ...(hasVisitFactor ? [] : ["The formula has no visit factor: no per-visit means or changes from baseline."]),
  ];
  return { fit: summary(fit, fitCensoring, means, contrasts), note: notes.length > 0 ? notes.join(" ") : null };
}

/**
 * The censored-likelihood fit. With treatment contrasts and the baseline as the first visit level, the
 * coefficient `visit<V>` is the change from baseline at V and the mean at V is intercept + coefficient
 * (their variance V_00 + V_VV + 2 V_0V from the inverse observed information); this holds when the fixed
 * part is `visit` alone, so the means are reported only then.
 */
function fitLikelihood(measurements: readonly StudyMeasurement[], transform: Transform, formula: string, plan: AnalysisPlan, visits: Visits, censored: number): { fit: Fit | null; note: string | null } {
  const baseline = plan.visits.baseline;
  const used = measurements.filter((m) => valueOrLimit(m, transform) !== null);
  const present = new Set(used.map((m) => m.visit));
  if (!present.has(baseline)) return { fit: null, note: `No model: no usable value at the baseline visit ${baseline}.` };
  const levels = [baseline, ...visits.map((v) => v.visit).filter((v) => v !== baseline && present.has(v))];
  const fitCensoring: FitCensoring = { method: "likelihood", censored, substituted: 0 };
  let fit: CensoredLmmFit;
  try {
    fit = fitCensoredLmm(
      {
        value: used.map((m) => (m.censored ? null : applyTransform(transform, m.value as number))),
        censored: used.map((m) => (m.censored ? "<" : "")),
        limit: used.map((m) => (m.censored ? valueOrLimit(m, transform) : null)),
        visit: used.map((m) => m.visit),
        day: used.map((m) => m.day),
        subject: used.map((m) => m.subject),
      },
      formula,
      { levels: { visit: levels }, ddf: plan.lmm.ddf === "none" ? "z" : "between-within", level: plan.lmm.confLevel },
    );
  } catch (error) {
    return { fit: null, note: `No model: ${(error as Error).message}` };
  }
  const dayOf = new Map(visits.map((v) => [v.visit, v.day]));
  const effect = new Map(fit.fixedEffects.map((e) => [e.term, e]));
  const index = new Map(fit.estimableTerms.map((t, i) => [t, i]));
  const quantile = (df: number | null) => (df === null ? normalQuantile(0.5 + plan.lmm.confLevel / 2) : studentTQuantile(0.5 + plan.lmm.confLevel / 2, df));
  const contrasts: Fit["contrasts"] = [];
  for (const visit of levels.slice(1)) {
    const e = effect.get(`visit${visit}`);
    if (e === undefined) continue;
    const half = e.estimate !== null && e.stdError !== null && Number.isFinite(e.stdError) ? quantile(e.df) * e.stdError : null;
    contrasts.push({
      visit,
      estimate: e.estimate,
      stdError: e.stdError,
      df: e.df,
      lower: half === null ? null : (e.estimate as number) - half,
      upper: half === null ? null : (e.estimate as number) + half,
      pValue: e.pValue,
      pAdjusted: null,
      bound: e.bound ? { side: e.bound.side, value: e.bound.value, level: e.bound.level } : null,
    });
  }
  const visitOnly = fit.fixedEffects.every((e) => e.term === "(Intercept)" || e.term.startsWith("visit"));
  const means: Fit["means"] = [];
  const intercept = effect.get("(Intercept)");
  if (visitOnly && intercept !== undefined && intercept.estimate !== null) {
    const b0 = intercept.estimate;
    const i0 = index.get("(Intercept)") as number;
    for (const visit of levels) {
      const day = dayOf.get(visit) ?? 0;
      const e = visit === baseline ? null : effect.get(`visit${visit}`);
      const k = visit === baseline ? null : index.get(`visit${visit}`);
      if (e === undefined || e?.estimate === null || k === undefined) {
        means.push({ visit, day, estimate: null, lower: null, upper: null });
        continue;
      }
      const estimate = b0 + (e === null ? 0 : (e.estimate as number));
      const variance = fit.vcov[i0][i0] + (k === null ? 0 : fit.vcov[k][k] + 2 * fit.vcov[i0][k]);
      const half = Number.isFinite(variance) ? quantile(e === null ? intercept.df : e.df) * Math.sqrt(variance) : null;
      means.push({ visit, day, estimate, lower: half === null ? null : estimate - half, upper: half === null ? null : estimate + half });
    }
  }
  sortByVisit(means, visits);
  sortByVisit(contrasts, visits);
  const nonEstimable = contrasts.filter((c) => c.estimate === null).map((c) => c.visit);
  const notes = [
    ...(fit.singular ? ["Singular fit (a random-effect variance is estimated at zero)."] : []),
    ...(nonEstimable.length > 0 ? [`Not estimable (every value censored): ${nonEstimable.join(", ")}; one-sided ${Math.round(plan.lmm.confLevel * 100)}% profile-likelihood bounds reported instead.`] : []),
    ...(visitOnly ? [] : ["The formula has terms besides visit: per-visit means are not reported."]),
  ];
  return {
    fit: {
      formula: fit.formula,
      nObs: fit.nObs,
      converged: fit.converged,
      singular: fit.singular,
      warnings: fit.warnings,
      censoring: fitCensoring,
      means,
      contrasts,
    },
    note: notes.length > 0 ? notes.join(" ") : null,
  };
}

function sortByVisit<T extends { visit: string }>(rows: T[], visits: Visits): void {
  const order = new Map(visits.map((v, i) => [v.visit, i]));
  rows.sort((a, b) => (order.get(a.visit) ?? 0) - (order.get(b.visit) ?? 0));
}

function summary(fit: LmmFit, censoring: FitCensoring, means: Fit["means"], contrasts: Fit["contrasts"]): Fit {
  return { formula: fit.formula, nObs: fit.nObs, converged: fit.converged, singular: fit.singular, warnings: fit.warnings, censoring, means, contrasts };
}
