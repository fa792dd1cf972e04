import type { ClinicalCourseSection } from "../results.js";
import type { ReportStudy } from "../study/model.js";
import { compareText, featureMeasurements, selectFeatures } from "../study/select.js";
import { toPoints } from "./points.js";

/** Section 2: clinical variables per subject over time, and remission/LLDAS status per visit. */
export function analyseClinicalCourse(study: ReportStudy, patterns: readonly string[]): ClinicalCourseSection {
  const pending: string[] = [];
  // In the plan's order; a pattern matching several features lists them in the study's order.
  const seen = new Set<string>();
  const ordered = patterns.flatMap((p) => selectFeatures(study.features, [p])).filter((f) => !seen.has(f.id) && seen.add(f.id));
  const variables = ordered.map((f) => ({
    feature: f.id,
    label: f.label,
    unit: f.unit,
    points: toPoints(featureMeasurements(study, f.id)),
  }));
  if (study.clinicalStatus === null) pending.push("Remission and LLDAS per visit: the study has no clinical assessments (SLEDAI-2K descriptors, PGA, prednisone) to derive them from.");
  const status = study.clinicalStatus === null
    ? null
    : [...study.clinicalStatus].sort((a, b) => compareText(a.subject, b.subject) || a.day - b.day);
  return { pending, variables, status };
}
