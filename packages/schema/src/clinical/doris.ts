import type { ClinicalVisit } from "../model/study.js";
import {
  allMet,
  prednisoneCriterion,
  stableImmunosuppressionCriterion,
  type Criterion,
  type DoseComparator,
  type StateAtVisit,
} from "./criteria.js";

export interface DorisSettings {
  /** Prednisone threshold, mg/day (5 in DORIS 2021). */
  prednisoneMax: number;
  /** How the dose is compared with the threshold ("<=": the abstract's "5 mg/day or less"). */
  prednisoneComparator: DoseComparator;
  /** PGA must be strictly below this (0.5 on the 0-3 scale). */
  pgaBelow: number;
}

export const DORIS_2021: DorisSettings = { prednisoneMax: 5, prednisoneComparator: "<=", pgaBelow: 0.5 };

/**
 * DORIS 2021 remission (van Vollenhoven et al. 2021, Lupus Sci Med 8:e000538): clinical SLEDAI-2K = 0
 * (serology may be active), PGA < 0.5 (0-3), prednisolone 5 mg/day or less, and antimalarials,
 * immunosuppressives and biologics only at stable doses. The paper's abstract says "5 mg/day or less" and
 * its final-recommendation table "< 5 mg/day": the comparator is a setting, "<=" by default. A criterion
 * whose data are missing is not assessable (null).
 */
export function dorisRemission(visit: ClinicalVisit, settings: DorisSettings = DORIS_2021): StateAtVisit {
  const criteria: Criterion[] = [
    {
      name: "clinical SLEDAI-2K = 0",
      met: visit.clinicalSledai === null ? null : visit.clinicalSledai === 0,
      detail: visit.clinicalSledai === null ? "clinical SLEDAI-2K not derivable (no descriptors recorded)" : `clinical SLEDAI-2K ${visit.clinicalSledai}`,
    },
    {
      name: `PGA < ${settings.pgaBelow}`,
      met: visit.pga === null ? null : visit.pga < settings.pgaBelow,
      detail: visit.pga === null ? "PGA not recorded" : `PGA ${visit.pga}`,
    },
    prednisoneCriterion(visit, settings.prednisoneMax, settings.prednisoneComparator),
    stableImmunosuppressionCriterion(visit, "stable immunosuppressive and biologic doses"),
  ];
  return { subject: visit.subject, visit: visit.visit, day: visit.day, met: allMet(criteria), criteria };
}

/** DORIS remission at every clinical visit, in the order given. */
export function dorisByVisit(clinical: readonly ClinicalVisit[], settings: DorisSettings = DORIS_2021): StateAtVisit[] {
  return clinical.map((v) => dorisRemission(v, settings));
}
