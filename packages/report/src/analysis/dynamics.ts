import type { AnalysisPlan } from "../plan/schema.js";
import type { FeatureDynamics, ImmuneDynamicsSection } from "../results.js";
import type { ReportStudy } from "../study/model.js";
import { featureMeasurements, selectFeatures } from "../study/select.js";
import { analyseCovarianceSensitivity, fitFeatureStructured } from "./covarianceSensitivity.js";
import { fitFeatureLmm } from "./lmmFit.js";
import { adjustFamily } from "./multiplicity.js";
import { summariseByVisit, toPoints } from "./points.js";

/**
 * Section 3: per feature, the subject trajectories (censored values at the LLOQ), the median per
 * visit, and the LMM fit of the group's formula with change from baseline per visit; the p-values of
 * all change-from-baseline contrasts (every feature and visit) form one multiplicity family.
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
  const modelled: { dynamics: FeatureDynamics; measurements: ReturnType<typeof featureMeasurements>; formula: string }[] = [];
  const features: FeatureDynamics[] = selected.map(({ feature: f, group }) => {
    const measurements = featureMeasurements(study, f.id);
    const points = toPoints(measurements);
    const fitPrimary = plan.lmm.covariance === "random-intercept" ? fitFeatureLmm : fitFeatureStructured;
    const { fit, note } = fitPrimary(measurements, group.transform, group.formula, plan, visits);
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
    modelled.push({ dynamics, measurements, formula: group.formula });
    return dynamics;
  });
  const covarianceSensitivity = analyseCovarianceSensitivity(modelled, plan, visits);
  const contrasts = features.flatMap((f) => f.fit?.contrasts ?? []);
  const { adjusted, procedure } = adjustFamily(contrasts.map((c) => ({ pValue: c.pValue, support: null })), plan.multiplicity.method);
  contrasts.forEach((c, i) => (c.pAdjusted = adjusted[i]));
  return { pending: [], adjustment: `Change-from-baseline p-values adjusted by ${procedure} across ${contrasts.length} feature-visit contrasts.`, features, covarianceSensitivity };
}
