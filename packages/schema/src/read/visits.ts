import type { VisitDefinition } from "../model/study.js";

/** The nominal day of a visit label: "D14"/"Day 14" -> 14, "D-7" -> -7, "W4"/"Week 4" -> 28; else null. */
export function nominalDayOfLabel(label: string): number | null {
  const day = /^(?:d|day)\s*(-?\d+)$/i.exec(label.trim());
  if (day) return Number(day[1]);
  const week = /^(?:w|wk|week)\s*(-?\d+)$/i.exec(label.trim());
  if (week) return 7 * Number(week[1]);
  return null;
}

/**
 * Resolves visit labels to their accepted day windows: a declared visit uses its window (or its day
 * exactly); an undeclared label that names a day ("D14", "Week 4") accepts nominal +- max(2, 15%).
 * When visits are declared, any other label is unknown.
 */
export class VisitWindows {
  private readonly declared: Map<string, [number, number]>;
  private readonly cache = new Map<string, [number, number] | null>();
  constructor(visits: readonly VisitDefinition[]) {
    this.declared = new Map(visits.map((v) => [v.label, v.window ?? [v.day, v.day]]));
  }

  /** The accepted window, null when the label carries no day information, undefined when unknown. */
  windowOf(label: string): [number, number] | null | undefined {
    if (this.declared.size > 0) return this.declared.get(label);
    let w = this.cache.get(label);
    if (w === undefined) {
      const day = nominalDayOfLabel(label);
      const slack = day === null ? 0 : Math.max(3, Math.round(0.25 * Math.abs(day)));
      w = day === null ? null : [day - slack, day + slack];
      this.cache.set(label, w);
    }
    return w;
  }

  /** The nominal day of a label (declared day, or the day the label names). */
  nominalDay(label: string, visits: readonly VisitDefinition[]): number | null {
    const v = visits.find((x) => x.label === label);
    return v !== undefined ? v.day : nominalDayOfLabel(label);
  }
}

/** Adds an issue when a visit label is unknown or its day falls outside the visit's window. */
export function checkVisitDay(
  windows: VisitWindows,
  visit: string,
  day: number,
  issues: { add: (column: string | null, message: string) => void },
  visitColumn: string,
  dayColumn: string
): void {
  const w = windows.windowOf(visit);
  if (w === undefined) issues.add(visitColumn, `unknown visit '${visit}' (not among the declared visits)`);
  else if (w !== null && (day < w[0] || day > w[1]))
    issues.add(dayColumn, `day ${day} contradicts visit '${visit}' (window ${w[0]} to ${w[1]})`);
}
