import { SLEDAI2K_DESCRIPTORS, type ClinicalVisit, type Sledai2kDescriptor } from "../model/study.js";
import {
  allMet,
  prednisoneCriterion,
  stableImmunosuppressionCriterion,
  type Criterion,
  type DoseComparator,
  type StateAtVisit,
} from "./criteria.js";

export interface LldasSettings {
  sledaiMax: number;
  pgaMax: number;
  prednisoneMax: number;
  prednisoneComparator: DoseComparator;
}

export const LLDAS_2016: LldasSettings = { sledaiMax: 4, pgaMax: 1, prednisoneMax: 7.5, prednisoneComparator: "<=" };

/**
 * Childhood LLDAS (cLLDAS, the paediatric adaptation of LLDAS used in childhood-onset SLE cohorts, Smith
 * et al. 2022): the adult criteria with the glucocorticoid limit by body weight, prednisolone
 * <= 0.15 mg/kg/day and at most 7.5 mg/day, for patients aged 6-17.
 */
export function childhoodLldasSettings(weightKg: number): LldasSettings {
  if (!(weightKg > 0)) throw new RangeError(`childhoodLldasSettings: weight must be positive, got ${weightKg}`);
  return { ...LLDAS_2016, prednisoneMax: Math.min(7.5, 0.15 * weightKg) };
}

/**
 * SLEDAI-2K descriptors of the major organ systems LLDAS excludes: renal, CNS, cardiopulmonary,
 * vasculitis and fever. (Haemolytic anaemia and gastrointestinal activity are not SLEDAI-2K descriptors
 * and cannot be assessed from it.)
 */
export const LLDAS_MAJOR_ORGAN_DESCRIPTORS: readonly Sledai2kDescriptor[] = [
  "seizure",
  "psychosis",
  "organicBrainSyndrome",
  "visualDisturbance",
  "cranialNerveDisorder",
  "lupusHeadache",
  "cva",
  "vasculitis",
  "urinaryCasts",
  "hematuria",
  "proteinuria",
  "pyuria",
  "pleurisy",
  "pericarditis",
  "fever",
];

/**
 * Lupus Low Disease Activity State (Franklyn et al. 2016, Ann Rheum Dis 75:1615-1621) at one visit:
 * 1. SLEDAI-2K <= 4 with no major-organ activity; 2. no new lupus activity compared with the previous
 * assessment (no descriptor present now that was absent then); 3. PGA <= 1 (0-3); 4. prednisolone
 * <= 7.5 mg/day; 5. standard, well-tolerated maintenance immunosuppression (taken as stable doses).
 * Without a previous assessment criterion 2 is not assessable.
 */
export function lldasAtVisit(
  visit: ClinicalVisit,
  previous: ClinicalVisit | null,
  settings: LldasSettings = LLDAS_2016
): StateAtVisit {
  // Without descriptors (a totals-only file) major-organ and new activity are unknown: a total above the
  // limit still fails criterion 1; otherwise criteria 1 and 2 are not assessable.
  const own = visit.descriptors;
  const before = previous?.descriptors ?? null;
  const major = own === null ? [] : LLDAS_MAJOR_ORGAN_DESCRIPTORS.filter((d) => own[d]);
  const fresh = own === null || before === null ? [] : SLEDAI2K_DESCRIPTORS.filter((d) => own[d] && !before[d]);
  const criteria: Criterion[] = [
    {
      name: `SLEDAI-2K <= ${settings.sledaiMax} without major organ activity`,
      met: visit.sledai2k > settings.sledaiMax ? false : own === null ? null : major.length === 0,
      detail: `SLEDAI-2K ${visit.sledai2k}${major.length > 0 ? `; major organ: ${major.join(", ")}` : ""}${own === null ? "; descriptors not recorded" : ""}`,
    },
    {
      name: "no new activity since the previous assessment",
      met: previous === null || own === null || before === null ? null : fresh.length === 0,
      detail:
        own === null || (previous !== null && before === null)
          ? "descriptors not recorded"
          : previous === null
          ? "no previous assessment"
          : fresh.length === 0
          ? `none new since ${previous.visit}`
          : `new since ${previous.visit}: ${fresh.join(", ")}`,
    },
    {
      name: `PGA <= ${settings.pgaMax}`,
      met: visit.pga === null ? null : visit.pga <= settings.pgaMax,
      detail: visit.pga === null ? "PGA not recorded" : `PGA ${visit.pga}`,
    },
    prednisoneCriterion(visit, settings.prednisoneMax, settings.prednisoneComparator),
    stableImmunosuppressionCriterion(visit, "standard maintenance immunosuppression"),
  ];
  return { subject: visit.subject, visit: visit.visit, day: visit.day, met: allMet(criteria), criteria };
}

/**
 * LLDAS at every visit, each subject's visits in day order, each compared with the subject's previous
 * visit; `settings` may depend on the subject (cLLDAS with each child's weight).
 */
export function lldasByVisit(
  clinical: readonly ClinicalVisit[],
  settings: LldasSettings | ((subject: string) => LldasSettings) = LLDAS_2016
): StateAtVisit[] {
  const sorted = [...clinical].sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.day - b.day));
  const of = typeof settings === "function" ? settings : () => settings;
  return sorted.map((v, k) =>
    lldasAtVisit(v, k > 0 && sorted[k - 1].subject === v.subject ? sorted[k - 1] : null, of(v.subject))
  );
}
