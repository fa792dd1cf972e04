import type { AnalysisPlan } from "../plan/schema.js";
import type { ReconstitutionSection } from "../results.js";
import type { ReportStudy, StudyMeasurement } from "../study/model.js";
import { kaplanMeier } from "../survival/kaplanMeier.js";
import { compareText, featureMeasurements } from "../study/select.js";

/**
 * Section 4: B-cell depletion and reconstitution per subject. Depletion day = first post-dose day
 * (day > 0) with a value below the LLOQ; reconstitution day = first later day whose value reaches the
 * threshold (the LLOQ: first quantifiable value; an absolute count; or a fraction of the subject's
 * baseline). Time to reconstitution is counted from day 0 (first dose); a depleted subject not yet
 * reconstituted is censored at the last sampled day. Subjects never depleted are not in the curve.
 */
export function analyseReconstitution(
  study: ReportStudy,
  config: NonNullable<AnalysisPlan["reconstitution"]>,
  plan: AnalysisPlan,
  baselineVisit: string,
): ReconstitutionSection {
  const pending: string[] = [];
  const feature = study.features.find((f) => f.id === config.feature);
  const thresholdValue = config.threshold.kind === "lloq" ? (feature?.lloq ?? null) : config.threshold.value;
  const all = featureMeasurements(study, config.feature);
  const bySubject = new Map<string, StudyMeasurement[]>();
  for (const m of all) (bySubject.get(m.subject) ?? bySubject.set(m.subject, []).get(m.subject)!).push(m);
  /** Sum of the listed features at one visit; a censored subset counts as 0, a missing one makes the sum null. */
  const sumAt = (featureIds: readonly string[], subject: string, visit: string): number | null => {
    if (featureIds.length === 0) return null;
    let total = 0;
    for (const id of featureIds) {
      const m = study.measurements.find((x) => x.feature === id && x.subject === subject && x.visit === visit);
      if (!m || (!m.censored && m.value === null)) return null;
      total += m.censored ? 0 : (m.value as number);
    }
    return total;
  };

  const subjects = [...bySubject.keys()].sort(compareText).map((subject) => {
    const series = bySubject.get(subject)!;
    const baselineM = series.find((m) => m.visit === baselineVisit);
    const baseline = baselineM && !baselineM.censored ? baselineM.value : null;
    const depletion = series.find((m) => m.day > 0 && m.censored);
    const reaches = (m: StudyMeasurement): boolean => {
      if (m.censored || m.value === null) return false;
      if (config.threshold.kind === "fraction-of-baseline") return baseline !== null && m.value >= config.threshold.value * baseline;
      return thresholdValue !== null && m.value >= thresholdValue;
    };
    const recon = depletion ? series.find((m) => m.day > depletion.day && reaches(m)) : undefined;
    const naive = recon ? sumAt(config.naiveFeatures, subject, recon.visit) : null;
    const memory = recon ? sumAt(config.memoryFeatures, subject, recon.visit) : null;
    return {
      subject,
      baseline,
      depletionDay: depletion ? depletion.day : null,
      reconstitutionDay: recon ? recon.day : null,
      lastDay: series[series.length - 1].day,
      naive,
      memory,
      naiveShare: naive !== null && memory !== null && naive + memory > 0 ? naive / (naive + memory) : null,
    };
  });

  if (!feature) pending.push(`The reconstitution feature "${config.feature}" is not in the study.`);
  const depleted = subjects.filter((s) => s.depletionDay !== null);
  if (feature && depleted.length === 0) pending.push("Kaplan-Meier curve: no subject fell below the LLOQ after dosing.");
  const kaplanMeierCurve = depleted.length === 0
    ? null
    : kaplanMeier(
        depleted.map((s) => s.reconstitutionDay ?? s.lastDay),
        depleted.map((s) => s.reconstitutionDay !== null),
        plan.lmm.confLevel,
      );
  return {
    pending,
    feature: config.feature,
    threshold: { kind: config.threshold.kind, value: thresholdValue },
    subjects,
    kaplanMeier: kaplanMeierCurve,
  };
}
