import type { AnalysisPlan } from "../plan/schema.js";
import type { DepletionSummary, FeatureDynamics, ImmuneDynamicsSection, SensitivityRow } from "../results.js";
import type { ReportStudy } from "../study/model.js";
import { featureMeasurements, selectFeatures } from "../study/select.js";
import { depletionSummary } from "./depletion.js";
import { fitFeatureLmm } from "./lmmFit.js";
import { adjustFamily } from "./multiplicity.js";
import { summariseByVisit, toPoints } from "./points.js";
import { censoringSensitivity, SENSITIVITY_CENSORED_FRACTION } from "./sensitivity.js";

/**
 * Section 3: per feature, the subject trajectories (censored values at the LLOQ), the median per
 * visit, and the LMM fit of the group's formula with change from baseline per visit (censored values by
 * the plan's `censoring.lmm`, default the censored likelihood); the p-values of all estimable
 * change-from-baseline contrasts (every feature and visit) form one multiplicity family. Features with
 * >= 20% censored values also get the censoring sensitivity table and the depletion summary.
 */
export function analyseImmuneDynamics(
  study: ReportStudy,
  plan: AnalysisPlan,
  visits: { visit: string; day: number }[],
): ImmuneDynamicsSection {
  const selected: { feature: ReportStudy["features"][number]; group: AnalysisPlan["featureGroups"][number] }[] = [];
  const seen = new Set<string>();
  for (const group of plan.featureGroups) {
    for (const f of selectFeatures(study.features, group.features)) {
      if (!seen.has(f.id)) selected.push({ feature: f, group });
      seen.add(f.id);
    }
  }
  const sensitivity: SensitivityRow[] = [];
  const depletion: DepletionSummary[] = [];
  const features: FeatureDynamics[] = selected.map(({ feature: f, group }) => {
    const measurements = featureMeasurements(study, f.id);
    const points = toPoints(measurements);
    const { fit, note } = fitFeatureLmm(measurements, group.transform, group.formula, plan, visits);
    const dynamics: FeatureDynamics = {
      feature: f.id,
      group: group.name,
      label: f.label,
      unit: f.unit,
      transform: group.transform,
      lloq: f.lloq,
      points,
      summary: summariseByVisit(points, visits),
      fit,
      fitNote: note,
    };
    const present = measurements.filter((m) => m.censored || m.value !== null);
    if (present.length > 0 && present.filter((m) => m.censored).length / present.length >= SENSITIVITY_CENSORED_FRACTION) {
      sensitivity.push(...censoringSensitivity(dynamics, measurements, group.transform, group.formula, plan, visits));
      depletion.push(depletionSummary(f.id, measurements, group.transform, plan, visits));
    }
    return dynamics;
  });
  // Non-estimable changes (bounds) have no p-value and are not tests of the family.
  const contrasts = features.flatMap((f) => f.fit?.contrasts ?? []).filter((c) => c.estimate !== null && c.pValue !== null);
  const bounds = features.flatMap((f) => f.fit?.contrasts ?? []).filter((c) => c.estimate === null).length;
  const { adjusted, procedure } = adjustFamily(contrasts.map((c) => ({ pValue: c.pValue, support: null })), plan.multiplicity.method);
  contrasts.forEach((c, i) => (c.pAdjusted = adjusted[i]));
  const boundText = bounds > 0 ? ` ${bounds} non-estimable changes (every value censored) are reported as one-sided bounds and are not in the family.` : "";
  return {
    pending: [],
    adjustment: `Change-from-baseline p-values adjusted by ${procedure} across ${contrasts.length} feature-visit contrasts.${boundText}`,
    features,
    sensitivity,
    depletion,
  };
}
