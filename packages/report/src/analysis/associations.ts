import { changeFromBaselineCorrelation, repeatedMeasuresCorrelation, withinSubjectAssociation } from "@biomarker/correlation";
import { deriveSeed } from "@biomarker/numerics";
import type { AnalysisPlan, FamilyTests } from "../plan/schema.js";
import type { AssociationRow, AssociationsSection } from "../results.js";
import type { ReportStudy, StudyMeasurement } from "../study/model.js";
import { sampleKey } from "../study/select.js";
import type { FamilyMember } from "./multiplicity.js";
import { applyTransform, linearValue, type Transform } from "./values.js";

export interface AnalysedFeature {
  id: string;
  transform: Transform;
}

type Method = AnalysisPlan["associations"]["methods"][number];

/** One association row with the exact null support of its p-value (for the multiplicity family). */
interface Tested {
  row: AssociationRow;
  support: ArrayLike<number> | null;
}

/**
 * One feature against one outcome by one method, over the samples where both were measured:
 * - within: the visit-adjusted within-subject slope, y ~ visit + x_within + x_between + (1 | subject)
 *   (REML; Satterthwaite or Kenward-Roger df), transformed scale, censored values per the plan's rule;
 * - rmcorr: repeated-measures correlation over all visits (assumes independent visits within a subject
 *   and no shared time course: a common trend in x and y alone makes it large);
 * - spearman-change: Spearman correlation of the change from baseline to the landmark (a change involving a
 *   censored value is unknown and left out).
 */
function associate(plan: AnalysisPlan, method: Method, x: Map<string, StudyMeasurement>, y: Map<string, StudyMeasurement>, feature: AnalysedFeature, outcome: string): Tested {
  const keys = [...x.keys()].filter((k) => y.has(k));
  const xs = keys.map((k) => x.get(k)!);
  const ys = keys.map((k) => y.get(k)!);
  const linear = (ms: StudyMeasurement[], transform: Transform) => ms.map((m) => linearValue(m, transform, plan.censoring.linearMethods));
  const base = { feature: feature.id, outcome, method, family: null, pAdjusted: null };
  if (method === "within") {
    const r = withinSubjectAssociation(xs.map((m) => m.subject), xs.map((m) => m.visit), linear(xs, feature.transform), linear(ys, "none"), {
      ddf: plan.associations.ddf,
      confLevel: plan.lmm.confLevel,
    });
    const note = r.reason ?? (r.singular ? "singular fit: the subject variance is 0 (df treat it as known)" : null);
    return {
      row: { ...base, n: r.n, estimate: r.estimate, stdError: r.stdError, lower: r.ciLower, upper: r.ciUpper, df: r.df, pValue: r.pValue, pValueMethod: r.pValueMethod, note },
      support: null,
    };
  }
  const r =
    method === "rmcorr"
      ? repeatedMeasuresCorrelation(xs.map((m) => m.subject), linear(xs, feature.transform), linear(ys, "none"), { confLevel: plan.lmm.confLevel })
      : changeFromBaselineCorrelation(
          {
            subject: xs.map((m) => m.subject),
            visit: xs.map((m) => m.visit),
            x: xs.map((m) => (m.value === null ? null : applyTransform(feature.transform, m.value))),
            y: ys.map((m) => m.value),
            censoredX: xs.map((m) => m.censored),
            censoredY: ys.map((m) => m.censored),
          },
          {
            baselineVisit: plan.visits.baseline,
            visit: plan.visits.landmark,
            method: "spearman",
            pValue: plan.associations.pValue,
            // An independent permutation stream per test (used only when the p-value is not exact).
            seed: deriveSeed(plan.seed, "spearman-change", feature.id, outcome),
            confLevel: plan.lmm.confLevel,
          },
        ).result;
  return {
    row: { ...base, n: r.n, estimate: r.estimate, stdError: null, lower: r.ciLower, upper: r.ciUpper, df: r.df, pValue: r.pValue, pValueMethod: r.pValueMethod, note: r.reason },
    support: r.support,
  };
}

/**
 * Section 5: each feature against each outcome by each of the plan's methods (the within model first), and
 * the plan's negative controls by the same methods. Returns the association tests as multiplicity family
 * members (adjusted later, once, by the plan's families); negative controls are in no family.
 */
export function analyseAssociations(
  study: ReportStudy,
  plan: AnalysisPlan,
  features: readonly AnalysedFeature[],
): { section: AssociationsSection; members: Record<Extract<FamilyTests, `associations.${string}`>, FamilyMember[]> } {
  const bySample = new Map<string, Map<string, StudyMeasurement>>();
  for (const m of study.measurements) {
    const key = sampleKey(m.subject, m.visit);
    (bySample.get(m.feature) ?? bySample.set(m.feature, new Map()).get(m.feature)!).set(key, m);
  }
  const samplesOf = (feature: string) => bySample.get(feature) ?? new Map<string, StudyMeasurement>();
  const members: Record<Extract<FamilyTests, `associations.${string}`>, FamilyMember[]> = {
    "associations.within": [],
    "associations.rmcorr": [],
    "associations.spearman-change": [],
  };
  const rows: AssociationRow[] = [];
  for (const method of plan.associations.methods) {
    for (const outcome of plan.outcomes ?? []) {
      for (const feature of features) {
        if (feature.id === outcome.feature) continue;
        const { row, support } = associate(plan, method, samplesOf(feature.id), samplesOf(outcome.feature), feature, outcome.feature);
        rows.push(row);
        members[`associations.${method}`].push({
          pValue: row.pValue,
          support,
          setAdjusted: (adjusted, family) => {
            row.pAdjusted = row.pValue === null ? null : adjusted;
            row.family = family;
          },
        });
      }
    }
  }
  const negativeControls = plan.associations.negativeControls.map((control) => ({
    x: control.x,
    y: control.y,
    reason: control.reason ?? null,
    rows: plan.associations.methods.map((method) => associate(plan, method, samplesOf(control.x), samplesOf(control.y), { id: control.x, transform: "none" }, control.y).row),
  }));
  return { section: { pending: [], landmark: plan.visits.landmark, adjustment: [], rows, negativeControls }, members };
}
