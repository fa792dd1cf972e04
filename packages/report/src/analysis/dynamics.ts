import type { AnalysisPlan } from "../plan/schema.js";
import type { DepletionSummary, FeatureDynamics, ImmuneDynamicsSection, SensitivityRow } from "../results.js";
import type { ReportStudy } from "../study/model.js";
import { featureMeasurements, selectFeatures } from "../study/select.js";
import { depletionSummary } from "./depletion.js";
import { fitFeatureLmm } from "./lmmFit.js";
import { summariseByVisit, toPoints } from "./points.js";
import { censoringSensitivity, SENSITIVITY_CENSORED_FRACTION } from "./sensitivity.js";

/**
 * Section 3: per feature, the subject trajectories (censored values at the LLOQ), the median per
 * visit, and the LMM fit of the group's formula with change from baseline per visit (censored values by
 * the plan's `censoring.lmm`, default the censored likelihood). The estimable contrasts' adjusted p-values
 * and the adjustment statement are filled by the plan's multiplicity families (runAnalysis). Features with
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
  return { pending: [], adjustment: "", features, sensitivity, depletion };
}
