import { changesAtVisit, changesFromBaseline, rankCodes, type BaselineRule, type CensoredNumber } from "@biomarker/schema";
import { BootstrapInputError } from "../errors.js";
import type { SubjectFeatures } from "../statistics/featureCorrelation.js";
import type { LongitudinalFeatures } from "../statistics/rmcorr.js";

/** One row of the canonical long measurement table (as @biomarker/schema's Measurement). */
export interface LongMeasurement {
  subject: string;
  visit: string;
  day: number;
  feature: string;
  /** The number the linear methods (rmcorr) use; null when missing, or censored and left out. */
  value: number | null;
  /** True (or "<", as the schema) when below the LLOQ `limit` (on the scale of `value`): its change is then censored. */
  censored?: boolean | "<" | null;
  limit?: number | null;
}

export interface ScoringDataOptions {
  /** Outcome feature id, matched ignoring case and punctuation ("SLEDAI2K" finds "sledai2k"). */
  outcome: string;
  /** Candidate feature ids (same matching); default every feature except the outcome and `exclude`. */
  features?: readonly string[];
  /** Feature ids never scored by default (e.g. the other clinical scores). */
  exclude?: readonly string[];
  /** Landmark visit label for the change from baseline; default: see `defaultLandmark`. */
  landmark?: string;
  /** Baseline rule of @biomarker/schema's derive step; default the last non-missing value on day <= 0. */
  baseline?: BaselineRule;
}

/** The joined data every score component uses. */
export interface ScoringData {
  outcome: string;
  subjects: string[];
  /** All visits with the outcome present: one row per (subject, visit). */
  longitudinal: LongitudinalFeatures & { visit: string[]; day: number[] };
  /**
   * Per subject: change from baseline to the landmark of the outcome and of every feature, as rank codes
   * (@biomarker/schema `rankCodes`): a censored change is tied below (or above) the others when its bound
   * orders it so, else null; only ranks of these columns carry meaning.
   */
  change: SubjectFeatures;
  /** The censored changes from baseline at the landmark per feature (and the outcome), by subject. */
  censoredChanges: { name: string; tiedBelow: number; tiedAbove: number; leftOut: number }[];
  landmark: string;
}

/** Lower case without punctuation: "SLEDAI-2K" -> "sledai2k", "anti-dsDNA" -> "antidsdna". */
export function normaliseId(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function resolve(id: string, available: Map<string, string>, what: string): string {
  const found = available.get(normaliseId(id));
  if (found === undefined) throw new BootstrapInputError(`${what} '${id}' is not a feature of the data`);
  return found;
}

/**
 * Joins the long table on (subject, visit). Baseline and change from baseline to the landmark visit are
 * those of @biomarker/schema's derive step (`changesFromBaseline`, rule `options.baseline`): a change
 * involving a censored value is a bound, entered into the rank statistics by `rankCodes`.
 */
export function scoringData(measurements: readonly LongMeasurement[], options: ScoringDataOptions): ScoringData {
  const ids = new Map<string, string>();
  for (const m of measurements) if (!ids.has(normaliseId(m.feature))) ids.set(normaliseId(m.feature), m.feature);
  const outcome = resolve(options.outcome, ids, "outcome");
  const excluded = new Set((options.exclude ?? []).map(normaliseId));
  const features = options.features
    ? options.features.map((f) => resolve(f, ids, "feature"))
    : [...ids.values()].filter((f) => f !== outcome && !excluded.has(normaliseId(f)));
  if (features.length === 0) throw new BootstrapInputError("no candidate features to score");

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
  if (subjects.length < 3) throw new BootstrapInputError(`the outcome '${outcome}' is present for ${subjects.length} subjects; at least 3 are needed`);
  const landmark = options.landmark ?? defaultLandmark(subject, visit, day, subjects.length);
  if (!visit.includes(landmark)) throw new BootstrapInputError(`landmark visit '${landmark}' has no outcome values`);

  const column = (feature: string): (number | null)[] => {
    const values = byFeature.get(feature);
    return keys.map((k) => values?.get(k) ?? null);
  };
  const changeAtLandmark = (feature: string): CensoredNumber[] => {
    const rows = measurements.filter((m) => m.feature === feature);
    const changes = changesFromBaseline(
      rows.map((m) => {
        const censored = m.censored === true || m.censored === "<";
        return { ...m, censored, limit: censored ? (m.limit ?? null) : null };
      }),
      { baseline: options.baseline ?? { kind: "last-pre-dose" } },
    );
    return changesAtVisit(changes, feature, landmark, subjects);
  };
  const outcomeChange = changeAtLandmark(outcome);
  const outcomeCodes = rankCodes(outcomeChange);
  const censoredChanges: ScoringData["censoredChanges"] = [];
  const changeOf = (feature: string): (number | null)[] => {
    const change = changeAtLandmark(feature);
    // Ranked over the subjects where both changes are at least bounded, as changeFromBaselineCorrelation.
    const both = subjects.map((_, s) => outcomeCodes.codes[s] !== null && change[s].kind !== "missing" && change[s].kind !== "unknown");
    const codes = rankCodes(change.map((c, s) => (both[s] ? c : { kind: "missing" })));
    const unknown = change.filter((c, s) => c.kind === "unknown" && outcomeCodes.codes[s] !== null).length;
    censoredChanges.push({ name: feature, tiedBelow: codes.tiedBelow, tiedAbove: codes.tiedAbove, leftOut: codes.leftOut + unknown });
    return codes.codes;
  };
  const outcomeColumn = column(outcome);
  const featureColumns = features.map((name) => ({ name, values: column(name) }));
  return {
    outcome,
    subjects,
    longitudinal: { subject, visit, day, outcome: outcomeColumn, features: featureColumns },
    change: {
      subjects,
      outcome: outcomeCodes.codes,
      features: featureColumns.map((f) => ({ name: f.name, values: changeOf(f.name) })),
    },
    censoredChanges,
    landmark,
  };
}

/**
 * Default landmark: the latest post-dose visit (day > 0, ordered by median day) at which the most
 * subjects have the outcome; a fixed rule that looks at availability only, never at the values.
 */
export function defaultLandmark(subject: string[], visit: string[], day: number[], subjectCount: number): string {
  const days = new Map<string, number[]>();
  const seen = new Map<string, Set<string>>();
  for (let k = 0; k < visit.length; k++) {
    if (day[k] <= 0) continue;
    if (!days.has(visit[k])) {
      days.set(visit[k], []);
      seen.set(visit[k], new Set());
    }
    days.get(visit[k])?.push(day[k]);
    seen.get(visit[k])?.add(subject[k]);
  }
  const median = (v: number[]): number => {
    const s = [...v].sort((a, b) => a - b);
    return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
  };
  let best: string | null = null;
  let bestCount = -1;
  let bestDay = -Infinity;
  for (const [label, d] of days) {
    const count = (seen.get(label) as Set<string>).size;
    const m = median(d);
    if (count > bestCount || (count === bestCount && m > bestDay)) {
      best = label;
      bestCount = count;
      bestDay = m;
    }
  }
  if (best === null) throw new BootstrapInputError(`no post-dose visit (day > 0) has outcome values among ${subjectCount} subjects`);
  return best;
}
