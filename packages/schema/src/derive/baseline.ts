import type { Measurement } from "../model/study.js";

export interface BaselineOptions {
  /** The last day that counts as pre-dose (inclusive); default 0, the pre-dose sample of the dosing day. */
  lastPreDoseDay?: number;
  /** Use these days instead (e.g. ADaM ABLFL rows), by `subject \u0000 feature`. */
  flaggedDays?: ReadonlyMap<string, number>;
}

/**
 * Baseline = the last non-missing pre-dose value (day <= lastPreDoseDay) of each subject and feature, or
 * the flagged day's value when `flaggedDays` names one. A left-censored value is not missing: it can be
 * the baseline (and then changes from it are undefined). Keyed by `subject \u0000 feature`.
 */
export function baselineValues(
  measurements: readonly Measurement[],
  options: BaselineOptions = {}
): Map<string, Measurement> {
  const lastPreDose = options.lastPreDoseDay ?? 0;
  const out = new Map<string, Measurement>();
  for (const m of measurements) {
    if (m.value === null && m.censored === null) continue;
    const key = `${m.subject}\u0000${m.feature}`;
    const flagged = options.flaggedDays?.get(key);
    if (flagged !== undefined) {
      if (m.day === flagged) out.set(key, m);
      continue;
    }
    if (m.day > lastPreDose) continue;
    const current = out.get(key);
    if (current === undefined || m.day > current.day) out.set(key, m);
  }
  return out;
}
