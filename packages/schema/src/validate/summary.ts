import type { FeatureKind, SampleExclusion, SkippedRow, Study } from "../model/study.js";
import { readStudy, type ReadStudyOptions } from "../read/study.js";

/** What `biomarker validate` reports for a valid study. */
export interface StudySummary {
  valid: true;
  name: string;
  simulated: boolean;
  source: string;
  subjects: number;
  /** Visit labels in order of their earliest day. */
  visits: string[];
  features: number;
  featuresByKind: Partial<Record<FeatureKind, number>>;
  samples: number;
  measurements: number;
  /** Rows with no value and no censoring. */
  missing: number;
  /** Left-censored rows (value below the limit of quantification). */
  censored: number;
  clinicalVisits: number;
  singleCellSamples: number;
  excluded: SampleExclusion[];
  skipped: SkippedRow[];
}

export function summarizeStudy(study: Study): StudySummary {
  const firstDay = new Map<string, number>();
  const note = (visit: string, day: number) => firstDay.set(visit, Math.min(day, firstDay.get(visit) ?? Infinity));
  let missing = 0;
  let censored = 0;
  for (const m of study.measurements) {
    note(m.visit, m.day);
    if (m.censored !== null) censored += 1;
    else if (m.value === null) missing += 1;
  }
  for (const s of study.samples) note(s.visit, s.day);
  for (const c of study.clinical) note(c.visit, c.day);
  const byKind: Partial<Record<FeatureKind, number>> = {};
  for (const f of study.features) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
  return {
    valid: true,
    name: study.name,
    simulated: study.simulated,
    source: study.source,
    subjects: study.subjects.length,
    visits: [...firstDay].sort((a, b) => a[1] - b[1]).map(([v]) => v),
    features: study.features.length,
    featuresByKind: byKind,
    samples: study.samples.length,
    measurements: study.measurements.length,
    missing,
    censored,
    clinicalVisits: study.clinical.length,
    singleCellSamples: new Set(study.singleCell.map((c) => `${c.subject}\u0000${c.visit}`)).size,
    excluded: study.exclusions,
    skipped: study.skipped,
  };
}

/** `biomarker validate`: reads and validates a study, returning its summary (or throwing InputDataError). */
export function validateStudy(path: string, options: ReadStudyOptions = {}): StudySummary {
  return summarizeStudy(readStudy(path, options));
}

/** The summary as plain text, one fact per line. */
export function formatStudySummary(s: StudySummary): string {
  const kinds = Object.entries(s.featuresByKind)
    .map(([k, n]) => `${n} ${k}`)
    .join(", ");
  const lines = [
    `${s.name}${s.simulated ? " (SIMULATED)" : ""}: valid`,
    `subjects: ${s.subjects}`,
    `visits: ${s.visits.length} (${s.visits.join(", ")})`,
    `features: ${s.features} (${kinds})`,
    `samples: ${s.samples}; clinical visits: ${s.clinicalVisits}; single-cell samples: ${s.singleCellSamples}`,
    `measurements: ${s.measurements}; missing: ${s.missing}; left-censored: ${s.censored}`,
    `excluded samples: ${s.excluded.length}`,
    ...s.excluded.map((e) => `  ${e.sample} (subject ${e.subject}, ${e.visit}, day ${e.day}): ${e.reason}`),
  ];
  if (s.skipped.length > 0) {
    lines.push(`skipped rows: ${s.skipped.length}`);
    for (const r of s.skipped) lines.push(`  ${r.file}, row ${r.row}: ${r.reasons.join("; ")}`);
  }
  return lines.join("\n");
}
