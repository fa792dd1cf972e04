import { changesFromBaseline, type BaselineRule, type ChangeFromBaseline } from "@biomarker/schema";
import type { AnalysisPlan } from "../plan/schema.js";
import type { StudyMeasurement } from "../study/model.js";

export type Transform = AnalysisPlan["featureGroups"][number]["transform"];

/**
 * The plan's transform of a value on the data scale; null where it is undefined (log of 0, logit of
 * 0% or 100%). logit and asin-sqrt take percentages (0-100).
 */
export function applyTransform(transform: Transform, x: number): number | null {
  switch (transform) {
    case "none": return x;
    case "log": return x > 0 ? Math.log(x) : null;
    case "log2": return x > 0 ? Math.log2(x) : null;
    case "log10": return x > 0 ? Math.log10(x) : null;
    case "logit": return x > 0 && x < 100 ? Math.log(x / (100 - x)) : null;
    case "asin-sqrt": return x >= 0 && x <= 100 ? Math.asin(Math.sqrt(x / 100)) : null;
  }
}

/**
 * The number a linear method (LMM, rmcorr) uses for a measurement, on the transformed scale: a
 * censored value becomes half its limit or its limit (plan `censoring.linearMethods`), or null
 * ("exclude"); a missing value is null.
 */
export function linearValue(m: StudyMeasurement, transform: Transform, censoring: AnalysisPlan["censoring"]["linearMethods"]): number | null {
  if (m.censored) {
    if (censoring === "exclude" || m.limit === null) return null;
    return applyTransform(transform, censoring === "half-lloq" ? m.limit / 2 : m.limit);
  }
  return m.value === null ? null : applyTransform(transform, m.value);
}

/** A measurement on the analysis scale for the censoring-aware methods: its value, or its limit when censored. */
export function valueOrLimit(m: StudyMeasurement, transform: Transform): number | null {
  const x = m.censored ? m.limit : m.value;
  return x === null ? null : applyTransform(transform, x);
}

/** The plan's baseline, as a rule of @biomarker/schema's derive step (the one rule of every section). */
export function baselineRule(plan: AnalysisPlan): BaselineRule {
  return { kind: "visit", visit: plan.visits.baseline };
}

/**
 * Change from baseline of each measurement of one feature on the transformed scale, by @biomarker/schema's
 * `changesFromBaseline` with the plan's baseline rule: a censored value or baseline gives a censored change.
 */
export function featureChanges(measurements: readonly StudyMeasurement[], transform: Transform, plan: AnalysisPlan): ChangeFromBaseline[] {
  return changesFromBaseline(measurements, { baseline: baselineRule(plan), transform: (x) => applyTransform(transform, x) });
}
