import { fitLmm, lmmInference, marginalMeansOf, modelTerms, parseFormula, type LmmFit, type LmmInferenceResult } from "@biomarker/lmm";
import type { AnalysisPlan } from "../plan/schema.js";
import type { FeatureDynamics } from "../results.js";
import type { StudyMeasurement } from "../study/model.js";
import { linearValue, type Transform } from "./values.js";

type Fit = NonNullable<FeatureDynamics["fit"]>;

/**
 * Fits the group's formula to one feature (columns value, visit, day, subject and the subject covariates
 * the formula names, e.g. arm; value on the transformed scale, censored values per the plan) with the baseline as the reference (first) level of the visit
 * factor, then @biomarker/lmm's small-sample inference: estimated marginal means per visit and
 * contrasts against baseline (emmeans' trt.vs.ctrl), with the plan's df method (Satterthwaite or
 * Kenward-Roger; Wald z under "none") and intervals at the plan's level. A formula without a visit
 * factor is fitted but has no per-visit means or contrasts.
 */
export function fitFeatureLmm(
  measurements: readonly StudyMeasurement[],
  transform: Transform,
  formula: string,
  plan: AnalysisPlan,
  visits: readonly { visit: string; day: number }[],
  subjectColumn: (name: string, subjects: readonly string[]) => (string | number | null)[] = () => [],
): { fit: Fit | null; note: string | null } {
  const baseline = plan.visits.baseline;
  const used = measurements.filter((m) => linearValue(m, transform, plan.censoring.linearMethods) !== null);
  const present = new Set(used.map((m) => m.visit));
  if (!present.has(baseline)) return { fit: null, note: `No model: no usable value at the baseline visit ${baseline}.` };
  const levels = [baseline, ...visits.map((v) => v.visit).filter((v) => v !== baseline && present.has(v))];
  let fit: LmmFit;
  try {
    fit = fitLmm(
      {
        value: used.map((m) => linearValue(m, transform, plan.censoring.linearMethods)),
        visit: used.map((m) => m.visit),
        day: used.map((m) => m.day),
        subject: used.map((m) => m.subject),
        ...covariateColumns(formula, used.map((m) => m.subject), subjectColumn),
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
    return { fit: summary(fit, [], []), note: `No small-sample inference: ${(error as Error).message}` };
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
  }));
  const order = new Map(visits.map((v, i) => [v.visit, i]));
  const byVisit = (a: { visit: string }, b: { visit: string }) => (order.get(a.visit) ?? 0) - (order.get(b.visit) ?? 0);
  means.sort(byVisit);
  contrasts.sort(byVisit);
  // emmeans(fit, ~ visit | g) for each covariate factor g of the fixed effects: the other factors averaged, g held at each level.
  const groupFactors = hasVisitFactor
    ? fit.design.terms.fixed.variables.filter((v) => !["visit", "subject"].includes(v.column) && fit.design.levels[v.column])
    : [];
  const byGroup: NonNullable<Fit["byGroup"]> = [];
  for (const g of groupFactors) {
    for (const level of fit.design.levels[g.column]) {
      let result: ReturnType<typeof marginalMeansOf>;
      try {
        result = marginalMeansOf(fit, "visit", { ddf: plan.lmm.ddf, contrast: "baseline", adjust: "none", level: plan.lmm.confLevel, fixedLevels: { [g.label]: level } });
      } catch (error) {
        if ((error as { inputError?: unknown }).inputError !== true) throw error;
        continue;
      }
      const grouped = result.contrasts.map((c) => ({
        visit: c.contrast.slice(0, c.contrast.lastIndexOf(` - ${baseline}`)),
        estimate: c.estimate,
        stdError: c.stdError,
        df: c.df,
        lower: c.lower,
        upper: c.upper,
        pValue: c.pValue,
      }));
      byGroup.push({ factor: g.column, level, contrasts: grouped.sort(byVisit) });
    }
  }
  const notes = [
    ...(fit.singular ? [`Singular fit (a random-effect variance is estimated at zero); df rule: ${inference.dfRule}.`] : []),
    ...(hasVisitFactor ? [] : ["The formula has no visit factor: no per-visit means or changes from baseline."]),
  ];
  return { fit: { ...summary(fit, means, contrasts), ...(byGroup.length > 0 ? { byGroup } : {}) }, note: notes.length > 0 ? notes.join(" ") : null };
}

/** The subject covariates a formula names (any column other than value, visit, day and subject), one value per row. */
function covariateColumns(
  formula: string,
  subjects: readonly string[],
  subjectColumn: (name: string, subjects: readonly string[]) => (string | number | null)[],
): Record<string, (string | number | null)[]> {
  const terms = modelTerms(parseFormula(formula));
  const names = new Set([...terms.fixed.variables, ...terms.random.flatMap((r) => [...r.effects.variables, ...r.grouping])].map((v) => v.column));
  for (const own of ["value", "visit", "day", "subject"]) names.delete(own);
  return Object.fromEntries([...names].map((name) => [name, subjectColumn(name, subjects)]));
}

function summary(fit: LmmFit, means: Fit["means"], contrasts: Fit["contrasts"]): Fit {
  return { formula: fit.formula, nObs: fit.nObs, converged: fit.converged, singular: fit.singular, warnings: fit.warnings, means, contrasts };
}
