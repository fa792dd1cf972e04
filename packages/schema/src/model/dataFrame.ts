import type { Measurement } from "./study.js";

/** Column data, the toolkit's data-frame shape: equal-length columns by name. */
export type DataFrame = Record<string, (number | string | null)[]>;

/** The canonical long measurements as columns: subject, visit, day, feature, value, unit, censored, limit. */
export function measurementFrame(measurements: readonly Measurement[]): DataFrame {
  const n = measurements.length;
  const frame: DataFrame = {
    subject: new Array(n),
    visit: new Array(n),
    day: new Array(n),
    feature: new Array(n),
    value: new Array(n),
    unit: new Array(n),
    censored: new Array(n),
    limit: new Array(n),
  };
  measurements.forEach((m, i) => {
    frame.subject[i] = m.subject;
    frame.visit[i] = m.visit;
    frame.day[i] = m.day;
    frame.feature[i] = m.feature;
    frame.value[i] = m.value;
    frame.unit[i] = m.unit;
    frame.censored[i] = m.censored;
    frame.limit[i] = m.limit;
  });
  return frame;
}

/**
 * One feature as a subject-by-visit series: the rows of `feature`, ordered by subject (as in `subjects`,
 * else by first appearance) and day.
 */
export function featureSeries(
  measurements: readonly Measurement[],
  feature: string,
  subjects?: readonly string[]
): Measurement[] {
  const rows = measurements.filter((m) => m.feature === feature);
  const order = new Map((subjects ?? [...new Set(rows.map((m) => m.subject))]).map((s, k) => [s, k]));
  return rows.sort((a, b) => (order.get(a.subject) ?? Infinity) - (order.get(b.subject) ?? Infinity) || a.day - b.day);
}
