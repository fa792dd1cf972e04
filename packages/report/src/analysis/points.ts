import type { Point, VisitSummary } from "../results.js";
import type { StudyMeasurement } from "../study/model.js";

/** Plot points: a censored value is drawn at its limit (the LLOQ) and marked. */
export function toPoints(measurements: readonly StudyMeasurement[]): Point[] {
  return measurements.map((m) => ({
    subject: m.subject,
    visit: m.visit,
    day: m.day,
    value: m.censored ? m.limit : m.value,
    censored: m.censored,
  }));
}

/**
 * Median per visit with left-censored values ranked at the bottom (below every observed value): the
 * median is known when it falls on observed values and is reported as null ("< LLOQ") otherwise.
 */
export function summariseByVisit(points: readonly Point[], visits: readonly { visit: string; day: number }[]): VisitSummary[] {
  return visits.map(({ visit, day }) => {
    const at = points.filter((p) => p.visit === visit && (p.censored || p.value !== null));
    const censored = at.filter((p) => p.censored).length;
    const observed = at.filter((p) => !p.censored).map((p) => p.value as number).sort((a, b) => a - b);
    const n = at.length;
    let median: number | null = null;
    if (n > 0) {
      // Order statistics k = (n+1)/2 (odd) or n/2, n/2+1 (even), 1-based, over censored-then-observed.
      const lo = Math.floor((n + 1) / 2);
      const hi = Math.ceil((n + 1) / 2);
      if (lo > censored) median = (observed[lo - censored - 1] + observed[hi - censored - 1]) / 2;
    }
    return { visit, day, n, censored, median };
  });
}
