import type { AnalysisPlan } from "../plan/schema.js";
import type { ContrastSummary, FeatureDynamics, SensitivityRow } from "../results.js";
import type { StudyMeasurement } from "../study/model.js";
import { fitFeatureLmm, type LmmCensoring } from "./lmmFit.js";
import type { Transform } from "./values.js";

/** Features with at least this fraction of censored values get the sensitivity table and the depletion summary. */
export const SENSITIVITY_CENSORED_FRACTION = 0.2;

/**
 * Each visit's change from baseline under the censored likelihood, half the LLOQ and exclusion of
 * censored values (the plan's formula, transform and df rule), for one feature.
 */
export function censoringSensitivity(
  feature: FeatureDynamics,
  measurements: readonly StudyMeasurement[],
  transform: Transform,
  formula: string,
  plan: AnalysisPlan,
  visits: readonly { visit: string; day: number }[],
): SensitivityRow[] {
  const present = measurements.filter((m) => m.censored || m.value !== null);
  const censoredFraction = present.length === 0 ? 0 : present.filter((m) => m.censored).length / present.length;
  const fits = new Map<LmmCensoring, NonNullable<FeatureDynamics["fit"]> | null>();
  for (const method of ["likelihood", "half-lloq", "exclude"] as const) {
    const reuse = plan.censoring.lmm === method ? feature.fit : undefined;
    fits.set(method, reuse !== undefined ? reuse : fitFeatureLmm(measurements, transform, formula, plan, visits, method).fit);
  }
  const summary = (method: LmmCensoring, visit: string): ContrastSummary | null => {
    const fit = fits.get(method);
    const c = fit?.contrasts.find((x) => x.visit === visit);
    if (!fit || !c) return null;
    return { estimate: c.estimate, stdError: c.stdError, pValue: c.pValue, bound: c.bound, substituted: fit.censoring.substituted };
  };
  const visitLabels = visits.map((v) => v.visit).filter((v) => [...fits.values()].some((f) => f?.contrasts.some((c) => c.visit === v)));
  return visitLabels.map((visit) => ({
    feature: feature.feature,
    visit,
    censoredFraction,
    likelihood: summary("likelihood", visit),
    halfLloq: summary("half-lloq", visit),
    exclude: summary("exclude", visit),
  }));
}
