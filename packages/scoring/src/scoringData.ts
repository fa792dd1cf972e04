import { ScoringInputError } from "./errors.js";
import type { LongitudinalFeatures, SubjectFeatures } from "@biomarker/bootstrap";

/** One row of the canonical long measurement table (as @biomarker/schema's Measurement). */
export interface LongMeasurement {
  subject: string;
  visit: string;
  day: number;
  feature: string;
  /** null when missing or censored (below the LLOQ): both are left out of the association. */
  value: number | null;
}

export interface ScoringDataOptions {
  /** Outcome feature id, matched ignoring case and punctuation ("SLEDAI2K" finds "sledai2k"). */
  outcome: string;
  /** Candidate feature ids (same matching); default every feature except the outcome and `exclude`. */
  features?: readonly string[];
  /**
   * Feature ids never scored, removed from `features` too: the variables that define the outcome (a
   * component of a composite index correlates with it by construction) and other outcomes or treatments.
   * Ids absent from the data are ignored.
   */
  exclude?: readonly string[];
  /** Landmark visit label for the change from baseline (the report's plan and the CLI share one default). */
  landmark: string;
}

/** The joined data every score component uses. */
export interface ScoringData {
  outcome: string;
  subjects: string[];
  /** All visits with the outcome present: one row per (subject, visit). */
  longitudinal: LongitudinalFeatures & { visit: string[]; day: number[] };
  /** Per subject: change from baseline to the landmark of the outcome and of every feature. */
  change: SubjectFeatures;
  landmark: string;
  /** Features of the data (or of `features`) removed by `exclude`, as spelled in the data. */
  excluded: string[];
}

/** Lower case without punctuation: "SLEDAI-2K" -> "sledai2k", "anti-dsDNA" -> "antidsdna". */
export function normaliseId(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function resolve(id: string, available: Map<string, string>, what: string): string {
  const found = available.get(normaliseId(id));
  if (found === undefined) throw new ScoringInputError(`${what} '${id}' is not a feature of the data`);
  return found;
}

/**
 * Joins the long table on (subject, visit). Baseline of a variable for a subject = its last non-missing
 * value on a study day <= 0 (pre-dose); change = value at the landmark visit - baseline.
 */
export function scoringData(measurements: readonly LongMeasurement[], options: ScoringDataOptions): ScoringData {
  const ids = new Map<string, string>();
  for (const m of measurements) if (!ids.has(normaliseId(m.feature))) ids.set(normaliseId(m.feature), m.feature);
  const outcome = resolve(options.outcome, ids, "outcome");
  const excluded = new Set((options.exclude ?? []).map(normaliseId));
  const requested = options.features ? options.features.map((f) => resolve(f, ids, "feature")) : [...ids.values()].filter((f) => f !== outcome);
  const features = requested.filter((f) => !excluded.has(normaliseId(f)));
  const removed = requested.filter((f) => excluded.has(normaliseId(f)));
  if (features.length === 0) throw new ScoringInputError(`no candidate features to score${removed.length > 0 ? ` (excluded: ${removed.join(", ")})` : ""}`);

  // value[feature][subject \0 visit]
  const byFeature = new Map<string, Map<string, number>>();
  const dayOf = new Map<string, number>();
  for (const m of measurements) {
    const key = `${m.subject}\u0000${m.visit}`;
    if (!dayOf.has(key)) dayOf.set(key, m.day);
    if (m.value === null || !Number.isFinite(m.value)) continue;
    let values = byFeature.get(m.feature);
    if (values === undefined) byFeature.set(m.feature, (values = new Map()));
    values.set(key, m.value);
  }
  const outcomeValues = byFeature.get(outcome) ?? new Map<string, number>();
  const keys = [...outcomeValues.keys()].sort((a, b) => {
    const [sa] = a.split("\u0000");
    const [sb] = b.split("\u0000");
    return sa < sb ? -1 : sa > sb ? 1 : (dayOf.get(a) as number) - (dayOf.get(b) as number);
  });
  const subject = keys.map((k) => k.split("\u0000")[0]);
  const visit = keys.map((k) => k.split("\u0000")[1]);
  const day = keys.map((k) => dayOf.get(k) as number);
  const subjects = [...new Set(subject)];
  if (subjects.length < 3) throw new ScoringInputError(`the outcome '${outcome}' is present for ${subjects.length} subjects; at least 3 are needed`);
  const landmark = options.landmark;
  if (!visit.includes(landmark)) throw new ScoringInputError(`landmark visit '${landmark}' has no outcome values`);

  const column = (feature: string): (number | null)[] => {
    const values = byFeature.get(feature);
    return keys.map((k) => values?.get(k) ?? null);
  };
  const changeOf = (values: (number | null)[]): (number | null)[] =>
    subjects.map((s) => {
      let base: number | null = null;
      let atLandmark: number | null = null;
      for (let k = 0; k < keys.length; k++) {
        if (subject[k] !== s || values[k] === null) continue;
        if (day[k] <= 0) base = values[k]; // rows are sorted by day: the last pre-dose value wins
        if (visit[k] === landmark) atLandmark = values[k];
      }
      return base === null || atLandmark === null ? null : atLandmark - base;
    });
  const outcomeColumn = column(outcome);
  const featureColumns = features.map((name) => ({ name, values: column(name) }));
  return {
    outcome,
    subjects,
    longitudinal: { subject, visit, day, outcome: outcomeColumn, features: featureColumns },
    change: {
      subjects,
      outcome: changeOf(outcomeColumn),
      features: featureColumns.map((f) => ({ name: f.name, values: changeOf(f.values) })),
    },
    landmark,
    excluded: removed,
  };
}
