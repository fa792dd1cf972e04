import type { CohortSection } from "../results.js";
import type { ReportStudy } from "../study/model.js";
import { compareText, sampleKey } from "../study/select.js";

/** Section 1: who was studied, which samples exist, which were excluded and why, what is below the LLOQ. */
export function analyseCohort(study: ReportStudy, visits: { visit: string; day: number }[]): CohortSection {
  // Without a sample table, each subject's visit with a measurement counts as one sample (none excluded).
  const derived = study.samples.length === 0;
  const sampleList = derived ? measuredVisits(study) : study.samples;
  // A subject attended a visit when a sample or any measurement (lab or clinical) exists for it, so a
  // study without a sample table still gets its missed visits right.
  const attended = new Set([...study.samples, ...study.measurements].map((s) => sampleKey(s.subject, s.visit)));
  const subjectIds = study.subjects.length > 0 ? study.subjects : [...new Set(study.measurements.map((m) => m.subject))].map((id) => ({ id, sex: null, ageYears: null }));
  const subjects = [...subjectIds]
    .sort((a, b) => compareText(a.id, b.id))
    .map((s) => ({
      id: s.id,
      sex: s.sex,
      ageYears: s.ageYears,
      samples: sampleList.filter((x) => x.subject === s.id).length,
      missedVisits: visits.filter((v) => !attended.has(sampleKey(s.id, v.visit))).map((v) => v.visit),
    }));
  const samplesPerVisit = visits.map((v) => {
    const at = sampleList.filter((s) => s.visit === v.visit);
    return { visit: v.visit, day: v.day, samples: at.length, excluded: at.filter((s) => s.exclusionReason !== null).length };
  });
  const exclusions = study.samples
    .filter((s) => s.exclusionReason !== null)
    .map((s) => ({ subject: s.subject, visit: s.visit, day: s.day, reason: s.exclusionReason as string }))
    .sort((a, b) => compareText(a.subject, b.subject) || a.day - b.day);
  const censoredBy = new Map<string, { censored: number; measured: number }>();
  for (const m of study.measurements) {
    const c = censoredBy.get(m.feature) ?? censoredBy.set(m.feature, { censored: 0, measured: 0 }).get(m.feature)!;
    c.measured++;
    if (m.censored) c.censored++;
  }
  const belowLloq = study.features
    .filter((f) => (censoredBy.get(f.id)?.censored ?? 0) > 0)
    .map((f) => ({ feature: f.id, unit: f.unit, lloq: f.lloq, ...censoredBy.get(f.id)! }));
  return {
    pending: derived && sampleList.length > 0 ? ["The study has no sample table: each subject's visit with a measurement is counted as one sample, and no sample QC exclusions apply."] : [],
    counts: {
      subjects: subjects.length,
      samples: sampleList.length,
      excludedSamples: exclusions.length,
      features: study.features.length,
      measurements: study.measurements.length,
      censored: study.measurements.filter((m) => m.censored).length,
    },
    subjects,
    samplesPerVisit,
    exclusions,
    belowLloq,
  };
}

/** One sample per (subject, visit) with a measurement, at its first measured day. */
function measuredVisits(study: ReportStudy): ReportStudy["samples"] {
  const byKey = new Map<string, ReportStudy["samples"][number]>();
  for (const m of study.measurements) {
    const key = sampleKey(m.subject, m.visit);
    if (!byKey.has(key)) byKey.set(key, { subject: m.subject, visit: m.visit, day: m.day, exclusionReason: null });
  }
  return [...byKey.values()];
}
