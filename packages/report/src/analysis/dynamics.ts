import type { AnalysisPlan } from "../plan/schema.js";
import type { FeatureDynamics, ImmuneDynamicsSection } from "../results.js";
import type { ReportStudy } from "../study/model.js";
import { featureMeasurements, selectFeatures, subjectColumn } from "../study/select.js";
import { fitFeatureLmm } from "./lmmFit.js";
import { summariseByVisit, toPoints } from "./points.js";

/**
 * Section 3: per feature, the subject trajectories (censored values at the LLOQ), the median per
 * visit, and the LMM fit of the group's formula with change from baseline per visit. The contrasts' adjusted
 * p-values and the adjustment statement are filled by the plan's multiplicity families (runAnalysis).
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
  const features: FeatureDynamics[] = selected.map(({ feature: f, group }) => {
    const measurements = featureMeasurements(study, f.id);
    const points = toPoints(measurements);
    const { fit, note } = fitFeatureLmm(measurements, group.transform, group.formula, plan, visits, (name, subjects) => subjectColumn(study, name, subjects));
    return {
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
  });
  return { pending: [], adjustment: "", features };
}
