import type { Measurement } from "../model/study.js";
import { baselineValues, type BaselineOptions } from "./baseline.js";

/** A measurement with its baseline and the changes from it (null where undefined, with the reason). */
export interface ChangeFromBaseline {
  subject: string;
  visit: string;
  day: number;
  feature: string;
  value: number | null;
  baseline: number | null;
  baselineDay: number | null;
  /** value - baseline */
  change: number | null;
  /** 100 (value - baseline) / baseline */
  percentChange: number | null;
  /** Why change is null: "no baseline", "censored value", "censored baseline", "missing value". */
  reason: string | null;
}

/**
 * Change and percent change from baseline for every measurement. Undefined (null, with the reason) when
 * there is no baseline, either value is censored or missing; percent change also when the baseline is 0.
 */
export function changesFromBaseline(
  measurements: readonly Measurement[],
  options: BaselineOptions = {}
): ChangeFromBaseline[] {
  const baselines = baselineValues(measurements, options);
  return measurements.map((m) => {
    const b = baselines.get(`${m.subject}\u0000${m.feature}`);
    const base = { subject: m.subject, visit: m.visit, day: m.day, feature: m.feature, value: m.value };
    const reason =
      b === undefined
        ? "no baseline"
        : b.censored !== null
        ? "censored baseline"
        : m.censored !== null
        ? "censored value"
        : m.value === null
        ? "missing value"
        : null;
    if (reason !== null || b === undefined || m.value === null || b.value === null) {
      return {
        ...base,
        baseline: b?.value ?? null,
        baselineDay: b?.day ?? null,
        change: null,
        percentChange: null,
        reason,
      };
    }
    const change = m.value - b.value;
    return {
      ...base,
      baseline: b.value,
      baselineDay: b.day,
      change,
      percentChange: b.value === 0 ? null : (100 * change) / b.value,
      reason: b.value === 0 ? "zero baseline (percent change undefined)" : null,
    };
  });
}
