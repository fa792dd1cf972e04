import type { AnalysisPlan } from "../plan/schema.js";
import type { FeatureDynamics, ImmuneDynamicsSection } from "../results.js";
import type { ReportStudy } from "../study/model.js";
import { featureMeasurements, selectFeatures } from "../study/select.js";
import { missingExports } from "../packageStatus.js";
import { summariseByVisit, toPoints } from "./points.js";

/**
 * Section 3: per feature, the subject trajectories (censored values at the LLOQ), the median per
 * visit, and the LMM fit of the plan's formula with change from baseline per visit.
 */
export function analyseImmuneDynamics(
  study: ReportStudy,
  plan: AnalysisPlan,
  visits: { visit: string; day: number }[],
  excluded: ReadonlySet<string>,
): ImmuneDynamicsSection {
  const pending: string[] = [];
  const features: FeatureDynamics[] = [];
  const seen = new Set<string>();
  for (const group of plan.featureGroups) {
    for (const f of selectFeatures(study.features, group.features)) {
      if (seen.has(f.id)) continue;
      seen.add(f.id);
      const points = toPoints(featureMeasurements(study, f.id, excluded));
      features.push({
        feature: f.id,
        group: group.name,
        label: f.label,
        unit: f.unit,
        transform: group.transform,
        lloq: f.lloq,
        points,
        summary: summariseByVisit(points, visits),
        fit: null,
        fitNote: null,
      });
    }
  }
  const lmmMissing = missingExports("@biomarker/lmm", ["fitLmm"]);
  if (lmmMissing) pending.push(`LMM fits and change from baseline: ${lmmMissing}.`);
  return { pending, features };
}
