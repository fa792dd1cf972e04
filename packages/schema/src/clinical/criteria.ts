import type { ClinicalVisit } from "../model/study.js";

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

/** The glucocorticoid criterion of DORIS and LLDAS: prednisone dose within the threshold; null when not recorded. */
export function prednisoneCriterion(visit: ClinicalVisit, max: number, comparator: DoseComparator): Criterion {
  const dose = visit.prednisoneMgPerDay;
  return {
    name: `prednisone ${comparator} ${max} mg/day`,
    met: dose === null ? null : doseWithin(dose, max, comparator),
    detail: dose === null ? "prednisone dose not recorded" : `prednisone ${dose} mg/day`,
  };
}

/** Stable maintenance immunosuppression (named as each definition words it); null when not recorded. */
export function stableImmunosuppressionCriterion(visit: ClinicalVisit, name: string): Criterion {
  const stable = visit.immunosuppressantsStable;
  return { name, met: stable, detail: stable === null ? "not recorded" : stable ? "stable" : "changed" };
}
