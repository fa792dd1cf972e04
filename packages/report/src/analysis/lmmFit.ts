import * as lmm from "@biomarker/lmm";
import { fitLmm, type LmmFit } from "@biomarker/lmm";
import { normalQuantile, studentTQuantile, twoSidedNormalPValue } from "@biomarker/numerics";
import type { AnalysisPlan } from "../plan/schema.js";
import type { FeatureDynamics, VisitContrast } from "../results.js";
import type { StudyMeasurement } from "../study/model.js";
import { linearValue, type Transform } from "./values.js";

type Fit = NonNullable<FeatureDynamics["fit"]>;
type DdfChoice = AnalysisPlan["lmm"]["ddf"];
interface ContrastTest { estimate: number; stdError: number; df: number | null; pValue: number | null }
type ContrastTesterFn = (model: LmmFit["model"], ddf: DdfChoice) => { test(l: ArrayLike<number>): ContrastTest };

/** @biomarker/lmm's small-sample contrast tests (Satterthwaite, Kenward-Roger), when exported. */
const contrastTester = (lmm as unknown as { contrastTester?: ContrastTesterFn }).contrastTester ?? null;
export const contrastDfAvailable = contrastTester !== null;

/**
 * Fits the group's formula to one feature (columns value, visit, day, subject; value on the transformed
 * scale, censored values per the plan) with the baseline as the reference level of the visit factor.
 * Under treatment contrasts the coefficient `visit<V>` is the change from baseline at visit V
 * (contrast l = e_V) and the mean at V is l = e_0 + e_V. Each contrast is tested with the plan's df
 * method; intervals are estimate +/- t_{df, (1+level)/2} SE (normal quantile under "none"). When the
 * df method is not available, df, p and intervals are null.
 */
export function fitFeatureLmm(
  measurements: readonly StudyMeasurement[],
  transform: Transform,
  formula: string,
  plan: AnalysisPlan,
  visits: readonly { visit: string; day: number }[],
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
      },
      formula,
      { levels: { visit: levels } },
    );
  } catch (error) {
    return { fit: null, note: `No model: ${(error as Error).message}` };
  }
  const ddf = plan.lmm.ddf;
  let test: (l: Float64Array) => ContrastTest | null;
  if (ddf === "none") {
    test = (l) => {
      let estimate = 0;
      let variance = 0;
      for (let a = 0; a < l.length; a++) {
        estimate += l[a] * fit.fixedEffects[a].estimate;
        for (let b = 0; b < l.length; b++) variance += l[a] * fit.vcov[a][b] * l[b];
      }
      const stdError = Math.sqrt(variance);
      return { estimate, stdError, df: null, pValue: twoSidedNormalPValue(estimate / stdError) };
    };
  } else if (contrastTester) {
    const tester = contrastTester(fit.model, ddf);
    test = (l) => tester.test(l);
  } else {
    test = () => null;
  }
  const p = fit.fixedEffects.length;
  const column = new Map(fit.fixedEffects.map((f, j) => [f.term, j]));
  const unit = (...js: number[]) => {
    const l = new Float64Array(p);
    for (const j of js) l[j] = 1;
    return l;
  };
  const half = (1 + plan.lmm.confLevel) / 2;
  const interval = (t: ContrastTest | null): { lower: number | null; upper: number | null } => {
    if (t === null || (ddf !== "none" && (t.df === null || !(t.df > 0)))) return { lower: null, upper: null };
    const q = ddf === "none" ? normalQuantile(half) : studentTQuantile(half, t.df as number);
    return { lower: t.estimate - q * t.stdError, upper: t.estimate + q * t.stdError };
  };
  const dayOf = new Map(visits.map((v) => [v.visit, v.day]));
  const contrasts: VisitContrast[] = [];
  const means: Fit["means"] = [];
  const intercept = column.get("(Intercept)");
  if (intercept !== undefined) {
    const t = test(unit(intercept));
    means.push({ visit: baseline, day: dayOf.get(baseline) ?? 0, estimate: fit.fixedEffects[intercept].estimate, ...interval(t) });
  }
  for (const visit of levels.slice(1)) {
    const j = column.get(`visit${visit}`);
    if (j === undefined) continue;
    const t = test(unit(j));
    contrasts.push({
      visit,
      estimate: fit.fixedEffects[j].estimate,
      stdError: t?.stdError ?? fit.fixedEffects[j].stdError,
      df: t?.df ?? null,
      ...interval(t),
      pValue: t?.pValue ?? null,
      pAdjusted: null,
    });
    if (intercept !== undefined) {
      const tm = test(unit(intercept, j));
      means.push({ visit, day: dayOf.get(visit) ?? 0, estimate: fit.fixedEffects[intercept].estimate + fit.fixedEffects[j].estimate, ...interval(tm) });
    }
  }
  const order = new Map(visits.map((v, i) => [v.visit, i]));
  means.sort((a, b) => (order.get(a.visit) ?? 0) - (order.get(b.visit) ?? 0));
  return {
    fit: { formula: fit.formula, nObs: fit.nObs, converged: fit.converged, singular: fit.singular, warnings: fit.warnings, means, contrasts },
    note: fit.singular ? "Singular fit: a random-effect variance is estimated at zero (see the methods on df for singular fits)." : null,
  };
}
