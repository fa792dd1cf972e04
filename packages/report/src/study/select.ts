import type { ReportStudy, StudyFeature, StudyMeasurement } from "./model.js";

/** True when `id` matches a plan pattern: an exact id, or `*` standing for any run of characters. */
export function matchesPattern(id: string, pattern: string): boolean {
  if (!pattern.includes("*")) return id === pattern;
  const parts = pattern.split("*");
  if (!id.startsWith(parts[0]) || !id.endsWith(parts[parts.length - 1])) return false;
  let at = parts[0].length;
  const end = id.length - parts[parts.length - 1].length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = id.indexOf(parts[i], at);
    if (found < 0 || found + parts[i].length > end) return false;
    at = found + parts[i].length;
  }
  return at <= end;
}

/** The study's features matched by any of the patterns, in the study's feature order. */
export function selectFeatures(features: readonly StudyFeature[], patterns: readonly string[]): StudyFeature[] {
  return features.filter((f) => patterns.some((p) => matchesPattern(f.id, p)));
}

/**
 * Visit labels in analysis order: the plan's explicit order when given (visits absent from it follow,
 * by day), otherwise by nominal day (the study's schedule) or median sampled day, ties by label.
 * Only visits with samples or measurements are listed.
 */
export function orderedVisits(study: ReportStudy, explicit: readonly string[] | undefined): { visit: string; day: number }[] {
  const days = new Map<string, number[]>();
  for (const s of study.samples) (days.get(s.visit) ?? days.set(s.visit, []).get(s.visit)!).push(s.day);
  for (const m of study.measurements) if (!days.has(m.visit)) days.set(m.visit, [m.day]);
  const medianDay = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const nominal = new Map((study.visits ?? []).map((v) => [v.visit, v.day]));
  const visits = [...days.entries()].map(([visit, ds]) => ({ visit, day: nominal.get(visit) ?? medianDay(ds) }));
  visits.sort((a, b) => a.day - b.day || (a.visit < b.visit ? -1 : a.visit > b.visit ? 1 : 0));
  if (!explicit) return visits;
  const rank = new Map(explicit.map((v, i) => [v, i]));
  return [...visits].sort((a, b) => {
    const ra = rank.get(a.visit) ?? Infinity;
    const rb = rank.get(b.visit) ?? Infinity;
    return ra !== rb ? ra - rb : a.day - b.day;
  });
}

/** Measurements of one feature, ordered by subject then day. */
export function featureMeasurements(study: ReportStudy, feature: string): StudyMeasurement[] {
  return study.measurements
    .filter((m) => m.feature === feature)
    .sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.day - b.day));
}

export function sampleKey(subject: string, visit: string): string {
  return `${subject}\u0000${visit}`;
}


/** Code-unit order for strings, the same on every machine (localeCompare is not). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The subject columns a model formula may use: `sex`, `age` and every covariate of the subjects table. */
export function subjectCovariateNames(study: ReportStudy): string[] {
  const names = new Set<string>(["sex", "age"]);
  for (const s of study.subjects) for (const name of Object.keys(s.covariates ?? {})) names.add(name);
  return [...names];
}

/**
 * One subject column per measurement, for a model frame: a numeric column when every known value is a
 * number, else a factor (text). Missing values are null (the fit drops those rows).
 */
export function subjectColumn(study: ReportStudy, name: string, subjects: readonly string[]): (string | number | null)[] {
  const byId = new Map(study.subjects.map((s) => [s.id, s]));
  return subjects.map((id) => {
    const s = byId.get(id);
    if (s === undefined) return null;
    if (name === "sex") return s.sex;
    if (name === "age") return s.ageYears;
    return s.covariates?.[name] ?? null;
  });
}
