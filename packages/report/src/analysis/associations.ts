import { changeFromBaselineCorrelation, repeatedMeasuresCorrelation, type CorrelationResult } from "@biomarker/correlation";
import { deriveSeed } from "@biomarker/numerics";
import type { AnalysisPlan } from "../plan/schema.js";
import type { AssociationRow, AssociationsSection } from "../results.js";
import type { ReportStudy, StudyMeasurement } from "../study/model.js";
import { sampleKey } from "../study/select.js";
import { adjustFamily } from "./multiplicity.js";
import { baselineRule, linearValue, valueOrLimit, type Transform } from "./values.js";

export interface AnalysedFeature {
  id: string;
  transform: Transform;
}

/**
 * Section 5: each feature against each outcome, by repeated-measures correlation over all visits
 * (transformed scale; censored values per the plan's censoring rule) and by Spearman correlation of the
 * change from baseline to the landmark visit (@biomarker/schema's baseline and change: a change
 * involving a censored value is a bound, tied below or above the others when the bound orders it so,
 * left out otherwise, and the row's note counts both). p-values are adjusted within each method across
 * features x outcomes.
 */
export function analyseAssociations(study: ReportStudy, plan: AnalysisPlan, features: readonly AnalysedFeature[]): AssociationsSection {
  const bySample = new Map<string, Map<string, StudyMeasurement>>();
  for (const m of study.measurements) {
    const key = sampleKey(m.subject, m.visit);
    (bySample.get(m.feature) ?? bySample.set(m.feature, new Map()).get(m.feature)!).set(key, m);
  }
  const rows: (AssociationRow & { support: ArrayLike<number> | null })[] = [];
  for (const method of plan.associations.methods) {
    for (const outcome of plan.outcomes) {
      const y = bySample.get(outcome.feature) ?? new Map<string, StudyMeasurement>();
      for (const feature of features) {
        if (feature.id === outcome.feature) continue;
        const x = bySample.get(feature.id) ?? new Map<string, StudyMeasurement>();
        const keys = [...x.keys()].filter((k) => y.has(k));
        const xs = keys.map((k) => x.get(k)!);
        const ys = keys.map((k) => y.get(k)!);
        let result: CorrelationResult;
        let censoringNote: string | null = null;
        if (method === "rmcorr") {
          const substituted = plan.censoring.linearMethods === "exclude" ? 0 : xs.filter((m) => m.censored).length + ys.filter((m) => m.censored).length;
          if (substituted > 0) censoringNote = `\u2020 rests on ${substituted} censored values substituted (${plan.censoring.linearMethods})`;
          result = repeatedMeasuresCorrelation(
            xs.map((m) => m.subject),
            xs.map((m) => linearValue(m, feature.transform, plan.censoring.linearMethods)),
            ys.map((m) => linearValue(m, "none", plan.censoring.linearMethods)),
            { confLevel: plan.lmm.confLevel },
          );
        } else {
          const change = changeFromBaselineCorrelation(
            {
              subject: xs.map((m) => m.subject),
              visit: xs.map((m) => m.visit),
              x: xs.map((m) => valueOrLimit(m, feature.transform)),
              y: ys.map((m) => valueOrLimit(m, "none")),
              censoredX: xs.map((m) => m.censored),
              censoredY: ys.map((m) => m.censored),
            },
            {
              baseline: baselineRule(plan),
              visit: plan.visits.landmark,
              method: "spearman",
              pValue: plan.associations.pValue,
              // An independent permutation stream per test (used only when the p-value is not exact).
              seed: deriveSeed(plan.seed, "spearman-change", feature.id, outcome.feature),
              confLevel: plan.lmm.confLevel,
            },
          );
          result = change.result;
          censoringNote = censoredChangeNote(change.censoring);
        }
        rows.push({
          feature: feature.id,
          outcome: outcome.feature,
          method,
          n: result.n,
          estimate: result.estimate,
          lower: result.ciLower,
          upper: result.ciUpper,
          df: result.df,
          pValue: result.pValue,
          pValueMethod: result.pValueMethod,
          pAdjusted: null,
          note: [result.reason, censoringNote].filter((x) => x !== null).join("; ") || null,
          support: result.support,
        });
      }
    }
  }
  const pending: string[] = [];
  for (const method of plan.associations.methods) {
    const family = rows.filter((r) => r.method === method);
    const { adjusted, procedure } = adjustFamily(family, plan.multiplicity.method);
    family.forEach((r, i) => (r.pAdjusted = adjusted[i]));
    pending.push(`${method}: p-values adjusted by ${procedure} across ${family.length} feature-outcome pairs.`);
  }
  return {
    pending: [],
    landmark: plan.visits.landmark,
    adjustment: pending,
    rows: rows.map(({ support: _support, ...row }) => row),
  };
}

/** "k censored changes tied at the bottom; ..." for a row's note; null when no change was censored. */
export function censoredChangeNote(c: { tiedBelow: number; tiedAbove: number; leftOut: number }): string | null {
  const parts = [
    c.tiedBelow > 0 ? `${c.tiedBelow} censored change(s) ranked tied below the others` : null,
    c.tiedAbove > 0 ? `${c.tiedAbove} censored change(s) ranked tied above the others` : null,
    c.leftOut > 0 ? `${c.leftOut} censored change(s) left out (bound does not order them)` : null,
  ].filter((x) => x !== null);
  return parts.length > 0 ? parts.join("; ") : null;
}
