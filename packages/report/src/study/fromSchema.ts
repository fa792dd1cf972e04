import { childhoodLldasSettings, dorisRemission, LLDAS_2016, lldasByVisit, type Study } from "@biomarker/schema";
import type { ReportStudy, StudyInputFile } from "./model.js";

/** The report's view of a study read by @biomarker/schema. */
export function fromSchemaStudy(study: Study, inputFiles: StudyInputFile[]): ReportStudy {
  const excluded = new Map(study.exclusions.map((e) => [`${e.subject}\u0000${e.visit}`, e.reason]));
  return {
    name: study.name,
    simulated: study.simulated,
    subjects: study.subjects.map((s) => ({ id: s.id, sex: s.sex, ageYears: s.ageAtFirstDose, covariates: s.covariates })),
    features: study.features.map((f) => ({ id: f.id, label: f.label || f.id, kind: f.kind, panel: f.panel, unit: f.unit, lloq: f.lloq, parent: f.parent })),
    measurements: study.measurements.map((m) => ({
      subject: m.subject,
      visit: m.visit,
      day: m.day,
      feature: m.feature,
      value: m.value,
      unit: m.unit,
      censored: m.censored === "<",
      limit: m.limit,
    })),
    samples: study.samples.map((s) => ({ subject: s.subject, visit: s.visit, day: s.day, exclusionReason: excluded.get(`${s.subject}\u0000${s.visit}`) ?? null })),
    visits: study.visits.length > 0 ? study.visits.map((v) => ({ visit: v.label, day: v.day })) : null,
    singleCell: study.singleCell.map((c) => ({ subject: c.subject, visit: c.visit, day: c.day, cellType: c.cellType, count: c.count })),
    clinicalStatus: clinicalStatus(study),
    inputFiles,
  };
}

/**
 * SLEDAI-2K, DORIS 2021 remission and LLDAS at every clinical visit, from the schema's indices: childhood
 * LLDAS (prednisolone <= 0.15 mg/kg/day, at most 7.5 mg) for a subject aged 6-17 with a body weight
 * (subjects column `weight_kg` or `weight`), the adult definition (2016) otherwise.
 */
function clinicalStatus(study: Study): ReportStudy["clinicalStatus"] {
  if (study.clinical.length === 0) return null;
  const settings = new Map(study.subjects.map((s) => {
    const weight = s.covariates.weight_kg ?? s.covariates.weight;
    const child = s.ageAtFirstDose !== null && s.ageAtFirstDose >= 6 && s.ageAtFirstDose < 18;
    return [s.id, child && typeof weight === "number" && weight > 0 ? childhoodLldasSettings(weight) : LLDAS_2016];
  }));
  const lldas = new Map(lldasByVisit(study.clinical, (subject) => settings.get(subject) ?? LLDAS_2016).map((s) => [`${s.subject}\u0000${s.visit}`, s.met]));
  return study.clinical.map((v) => ({
    subject: v.subject,
    visit: v.visit,
    day: v.day,
    sledai2k: v.sledai2k,
    remission: dorisRemission(v).met,
    lldas: lldas.get(`${v.subject}\u0000${v.visit}`) ?? null,
  }));
}
