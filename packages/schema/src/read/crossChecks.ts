import type { FeatureKind } from "../model/study.js";
import type { RowIssues } from "./rowIssues.js";

/** Feature kinds measured on a sample, to which the sample QC rules apply. */
const SAMPLE_KINDS: ReadonlySet<FeatureKind> = new Set(["frequency", "count", "serology", "singlecell"]);

/** A sample's identity across files: subject and study day (visit labels are free text and may differ). */
export function sampleKey(subject: string, day: number): string {
  return `${subject}\u0000${day}`;
}

/**
 * Adds an issue when a value of a sample-measured kind has no sample record for its subject and day (with
 * a samples table), since the sample's QC rules could then never apply to it.
 */
export function checkSampleKnown(
  samples: ReadonlySet<string> | undefined,
  subject: string,
  day: number,
  kind: FeatureKind,
  rows: RowIssues,
  column: string
): void {
  if (samples === undefined || !SAMPLE_KINDS.has(kind) || samples.has(sampleKey(subject, day))) return;
  rows.add(column, `no sample of subject '${subject}' on day ${day} in the samples table (its QC cannot be applied)`);
}

/**
 * A positive left-censoring limit: every supported scale is non-negative and the log scale needs limit > 0,
 * so `<0` or `<-1` is refused rather than read as a number.
 */
export function limitProblem(limit: number): string | null {
  return limit > 0 ? null : `censoring limit ${limit} must be positive`;
}
