import { stringify } from "yaml";
import type { ReportStudy } from "../study/model.js";
import { orderedVisits } from "../study/select.js";
import type { AnalysisPlanInput } from "./schema.js";

const kindGroupName: Record<string, string> = {
  frequency: "Cell frequencies",
  count: "Cell counts",
  serology: "Serology",
  urine: "Urine",
  singlecell: "Single-cell counts",
  other: "Measurements",
};

/**
 * A plan written for one study (`biomarker report --print-plan --data STUDY`), which runs as it is:
 * baseline = the first visit and landmark = the last (by nominal day); one feature group per feature
 * kind with a visit-factor model and a random intercept per subject, on the log scale when every value
 * of the group is positive; clinical-kind features as the clinical course and the outcomes; no threshold
 * (reconstitution) analysis; figures in hours for a study shorter than 3 days, in years beyond 2 years.
 */
export function starterPlanInput(study: ReportStudy): AnalysisPlanInput {
  const visits = orderedVisits(study, undefined);
  if (visits.length === 0) throw new Error(`study ${study.name} has no visits`);
  const measured = new Set(study.measurements.map((m) => m.feature));
  const features = study.features.filter((f) => measured.has(f.id));
  const clinical = features.filter((f) => f.kind === "clinical").map((f) => f.id);
  const kinds = [...new Set(features.filter((f) => f.kind !== "clinical").map((f) => f.kind))];
  const featureGroups = kinds.map((kind) => {
    const ids = features.filter((f) => f.kind === kind).map((f) => f.id);
    const positive = study.measurements.filter((m) => ids.includes(m.feature)).every((m) => m.censored ? (m.limit ?? 0) > 0 : m.value === null || m.value > 0);
    return { name: kindGroupName[kind] ?? kind, features: ids, transform: positive ? ("log" as const) : ("none" as const), formula: "value ~ visit + (1 | subject)" };
  });
  const lastDay = Math.max(...visits.map((v) => v.day));
  return {
    version: 1,
    title: `${study.name}: longitudinal analysis`,
    visits: { baseline: visits[0].visit, landmark: visits[visits.length - 1].visit },
    ...(lastDay < 3 ? { timeUnit: "h" as const } : lastDay > 730 ? { timeUnit: "y" as const } : {}),
    featureGroups: featureGroups.length > 0 ? featureGroups : [{ name: "Measurements", features: ["*"], transform: "none", formula: "value ~ visit + (1 | subject)" }],
    ...(clinical.length > 0 ? { clinical: { features: clinical }, outcomes: clinical.map((feature) => ({ feature })) } : {}),
  };
}

/** The starter plan as YAML, with a header naming the study and docs/plan.md. */
export function starterPlanYaml(study: ReportStudy): string {
  const covariates = [...new Set(study.subjects.flatMap((s) => Object.keys(s.covariates ?? {})))];
  return `# Starter analysis plan for study ${study.name} (biomarker report --print-plan --data). It runs as it is;
# every key is documented in docs/plan.md. Subject columns usable in formulas: sex, age${covariates.map((c) => `, ${c}`).join("")}
# (e.g. value ~ visit + arm + (1 | subject)).\n${stringify(starterPlanInput(study), { lineWidth: 0 })}`;
}
