/** One criterion of a composite definition: met (true/false) or not assessable (null), with a detail. */
export interface Criterion {
  name: string;
  met: boolean | null;
  detail: string;
}

/** The verdict of a composite state (remission, LLDAS) at one visit. */
export interface StateAtVisit {
  subject: string;
  visit: string;
  day: number;
  /** true when every criterion is met; false when any fails; null when none fails but one is not assessable. */
  met: boolean | null;
  criteria: Criterion[];
}

/** Three-valued AND (Kleene): false dominates, then unknown. */
export function allMet(criteria: readonly Criterion[]): boolean | null {
  if (criteria.some((c) => c.met === false)) return false;
  if (criteria.some((c) => c.met === null)) return null;
  return true;
}

export type DoseComparator = "<=" | "<";

export function doseWithin(dose: number, threshold: number, comparator: DoseComparator): boolean {
  return comparator === "<=" ? dose <= threshold : dose < threshold;
}
