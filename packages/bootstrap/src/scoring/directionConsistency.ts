import type { LongitudinalFeatures } from "../statistics/rmcorr.js";
import { unitLayout } from "../statistics/clusters.js";
import { weightedPearson } from "../statistics/weightedMoments.js";
import { isPresent } from "../statistics/isPresent.js";

export interface DirectionConsistency {
  /** Subjects whose within-subject correlation has the sign of the pooled (rmcorr) estimate. */
  agreeing: number;
  /** Subjects where the within-subject correlation is defined (>= 3 complete visits, both vary). */
  defined: number;
  /** Within-subject Pearson r per subject, in subject order (null where undefined). */
  perSubject: (number | null)[];
}

/**
 * Per-subject direction consistency: the Pearson correlation of feature and outcome over each subject's
 * own visits (at least 3 complete pairs) and how many subjects share the sign of `pooled`.
 */
export function directionConsistency(data: LongitudinalFeatures, feature: number, pooled: number | null): DirectionConsistency {
  const layout = unitLayout(data.subject.length, data.subject);
  const x = data.features[feature].values;
  const y = data.outcome;
  const perSubject = layout.unitNames.map((_, s) => {
    const rows: number[] = [];
    layout.unitOfObservation.forEach((u, k) => {
      if (u === s && isPresent(x[k]) && isPresent(y[k])) rows.push(k);
    });
    if (rows.length < 3) return null;
    const r = weightedPearson(
      rows.map((k) => x[k] as number),
      rows.map((k) => y[k] as number),
      rows.map(() => 1),
    );
    return Number.isNaN(r) ? null : r;
  });
  let agreeing = 0;
  let defined = 0;
  for (const r of perSubject) {
    if (r === null) continue;
    defined++;
    if (pooled !== null && pooled !== 0 && Math.sign(r) === Math.sign(pooled)) agreeing++;
  }
  return { agreeing, defined, perSubject };
}
