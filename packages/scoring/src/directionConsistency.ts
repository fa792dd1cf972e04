import { unitLayout, type LongitudinalFeatures } from "@biomarker/bootstrap";

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
    return pearson(
      rows.map((k) => x[k] as number),
      rows.map((k) => y[k] as number),
    );
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

function isPresent(v: number | null | undefined): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

/** Pearson r = sum (x - xbar)(y - ybar) / sqrt(sum (x - xbar)^2 sum (y - ybar)^2); null when either is constant. */
function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let k = 0; k < n; k++) {
    sxx += (x[k] - mx) ** 2;
    syy += (y[k] - my) ** 2;
    sxy += (x[k] - mx) * (y[k] - my);
  }
  // A constant column leaves rounding residue of order eps^2 * scale; treat it as exactly constant.
  if (x.every((v) => v === x[0]) || y.every((v) => v === y[0]) || !(sxx > 0 && syy > 0)) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}
