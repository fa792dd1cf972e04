import type { CensoredNumber } from "./censoredNumber.js";
import { mean } from "./censoredNumber.js";

/**
 * How the baseline of a subject and feature is chosen:
 * - `visit`: the value at one named visit (e.g. the pre-dose sample of the dosing day, D0);
 * - `mean`: the mean of the values at the named pre-dose visits (e.g. D-7 and D0) that the subject has;
 * - `last-pre-dose`: the last non-missing value on a study day <= `lastPreDoseDay` (default 0), or the
 *   day flagged per `subject \u0000 feature` in `flaggedDays` (ADaM ABLFL rows).
 */
export type BaselineRule =
  | { kind: "visit"; visit: string }
  | { kind: "mean"; visits: readonly string[] }
  | { kind: "last-pre-dose"; lastPreDoseDay?: number; flaggedDays?: ReadonlyMap<string, number> };

/** A row of the canonical long table as the derive step reads it (`censored` "<" or true = below `limit`). */
export interface BaselineInput {
  subject: string;
  visit: string;
  day: number;
  feature: string;
  value: number | null;
  censored: "<" | boolean | null;
  limit: number | null;
}

/** The baseline of one subject and feature on the analysis scale, with the visits it was taken from. */
export interface Baseline {
  subject: string;
  feature: string;
  value: CensoredNumber;
  /** Visits whose values entered the baseline (one, or the pre-dose visits present for `mean`). */
  visits: string[];
  days: number[];
}

/** Rejects unknown rule kinds and empty visit lists (a public option). */
export function checkBaselineRule(rule: BaselineRule): void {
  const r = rule as { kind?: unknown; visit?: unknown; visits?: unknown };
  if (r.kind === "visit") {
    if (typeof r.visit !== "string" || r.visit === "") throw new RangeError("baseline rule 'visit' needs a visit label");
  } else if (r.kind === "mean") {
    if (!Array.isArray(r.visits) || r.visits.length === 0) throw new RangeError("baseline rule 'mean' needs at least one visit");
  } else if (r.kind !== "last-pre-dose") {
    throw new RangeError(`unknown baseline rule kind '${String(r.kind)}' (expected visit, mean or last-pre-dose)`);
  }
}

/**
 * A measurement on the analysis scale: observed -> transform(value); below the limit -> at most
 * transform(limit) (the transform must be increasing); missing, or undefined under the transform (log of
 * 0) -> missing.
 */
export function analysisValue(m: BaselineInput, transform: (x: number) => number | null = (x) => x): CensoredNumber {
  if (m.censored === "<" || m.censored === true) {
    const bound = m.limit === null ? null : transform(m.limit);
    return bound === null ? { kind: "unknown" } : { kind: "at-most", bound };
  }
  const value = m.value === null ? null : transform(m.value);
  return value === null || !Number.isFinite(value) ? { kind: "missing" } : { kind: "observed", value };
}

/**
 * Baseline per subject and feature (keyed `subject \u0000 feature`) on the analysis scale. A censored
 * value is an observation, not a missing one: a censored baseline is "at most" its limit. The mean of
 * pre-dose values is taken by interval arithmetic: with one value below the LLOQ the mean is bounded
 * above, at most (sum of the observed values + the limit) / k; it is never imputed.
 */
export function baselines(
  measurements: readonly BaselineInput[],
  rule: BaselineRule,
  transform?: (x: number) => number | null,
): Map<string, Baseline> {
  checkBaselineRule(rule);
  const chosen = new Map<string, { rows: BaselineInput[]; values: CensoredNumber[] }>();
  const take = (key: string, m: BaselineInput, v: CensoredNumber, replace: boolean) => {
    const entry = chosen.get(key);
    if (entry === undefined || replace) chosen.set(key, { rows: [m], values: [v] });
    else {
      entry.rows.push(m);
      entry.values.push(v);
    }
  };
  const meanVisits = rule.kind === "mean" ? new Set(rule.visits) : null;
  for (const m of measurements) {
    const v = analysisValue(m, transform);
    if (v.kind === "missing") continue;
    const key = `${m.subject}\u0000${m.feature}`;
    if (rule.kind === "visit") {
      if (m.visit === rule.visit) take(key, m, v, true);
    } else if (meanVisits !== null) {
      if (meanVisits.has(m.visit)) take(key, m, v, false);
    } else if (rule.kind === "last-pre-dose") {
      const flagged = rule.flaggedDays?.get(key);
      if (flagged !== undefined) {
        if (m.day === flagged) take(key, m, v, true);
        continue;
      }
      if (m.day > (rule.lastPreDoseDay ?? 0)) continue;
      const current = chosen.get(key);
      if (current === undefined || m.day > current.rows[0].day) take(key, m, v, true);
    }
  }
  const out = new Map<string, Baseline>();
  for (const [key, { rows, values }] of chosen) {
    out.set(key, {
      subject: rows[0].subject,
      feature: rows[0].feature,
      value: values.length === 1 ? values[0] : mean(values),
      visits: rows.map((r) => r.visit),
      days: rows.map((r) => r.day),
    });
  }
  return out;
}
