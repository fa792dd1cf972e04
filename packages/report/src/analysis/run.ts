import { createHash } from "node:crypto";
import { PlanError } from "../errors.js";
import type { AnalysisPlan } from "../plan/schema.js";
import type { Results } from "../results.js";
import { stableJson } from "../format/stableJson.js";
import { formulaProblems } from "../plan/checkFormula.js";
import { validatePlan } from "../plan/parse.js";
import type { ReportStudy } from "../study/model.js";
import { orderedVisits, selectFeatures, subjectCovariateNames } from "../study/select.js";
import { toolkitVersion } from "../version.js";
import { analyseAssociations } from "./associations.js";
import { analyseBiomarkers } from "./biomarkers.js";
import { analyseClinicalCourse } from "./clinical.js";
import { analyseCohort } from "./cohort.js";
import { analyseImmuneDynamics } from "./dynamics.js";
import { applyFamilies, familyStatements } from "./multiplicity.js";
import { analyseReconstitution } from "./reconstitution.js";
import { analyseSingleCell } from "./singleCell.js";

export interface RunOptions {
  /** Overrides the plan's seed (the CLI's --seed). */
  seed?: number;
  /** Called as each step starts; the CLI draws a progress bar from it. */
  onStep?: (step: string, index: number, total: number) => void;
}

const steps = ["cohort", "clinical course", "immune dynamics", "reconstitution", "associations", "biomarkers", "single cell"] as const;

/** Runs the plan on the study and returns every number of the report. Pure: no files are read or written. */
export function runAnalysis(study: ReportStudy, plan: AnalysisPlan, options: RunOptions = {}): Results {
  // A seed override is validated like the plan's own (an integer in [0, 2^32)).
  const effectivePlan: AnalysisPlan = options.seed === undefined ? plan : validatePlan({ ...plan, seed: options.seed }, "with --seed");
  checkPlanAgainstStudy(study, effectivePlan);
  const visits = orderedVisits(study, effectivePlan.visits.order);
  const step = (i: number) => options.onStep?.(steps[i], i, steps.length);

  step(0);
  const cohort = analyseCohort(study, visits);
  step(1);
  const clinicalCourse = analyseClinicalCourse(study, effectivePlan.clinical?.features ?? []);
  step(2);
  const immuneDynamics = analyseImmuneDynamics(study, effectivePlan, visits);
  step(3);
  const reconstitution = effectivePlan.reconstitution === undefined ? null : analyseReconstitution(study, effectivePlan.reconstitution, effectivePlan, effectivePlan.visits.baseline);
  step(4);
  const analysed = immuneDynamics.features.map((f) => ({ id: f.feature, transform: f.transform }));
  const { section: associations, members } = analyseAssociations(study, effectivePlan, analysed);
  // Every test is adjusted once, in its plan family; each section shows that one adjusted p-value.
  const contrasts = immuneDynamics.features.flatMap((f) => f.fit?.contrasts ?? []);
  const multiplicity = applyFamilies(effectivePlan, {
    changes: contrasts.map((c) => ({ pValue: c.pValue, support: null, setAdjusted: (adjusted) => (c.pAdjusted = c.pValue === null ? null : adjusted) })),
    ...members,
  });
  immuneDynamics.adjustment = familyStatements(multiplicity, ["changes"]).join(" ");
  associations.adjustment = familyStatements(multiplicity, ["associations.within", "associations.rmcorr", "associations.spearman-change"]);
  step(5);
  const biomarkers = analyseBiomarkers(study, effectivePlan, analysed);
  // Section 6 shows the rmcorr test of section 5 against the primary outcome: its adjusted p-value is that test's.
  const rmcorrAdjusted = new Map(associations.rows.filter((a) => a.method === "rmcorr" && a.outcome === biomarkers.outcome).map((a) => [a.feature, a.pAdjusted]));
  for (const row of biomarkers.rows) row.qValue = rmcorrAdjusted.get(row.feature) ?? null;
  step(6);
  const singleCell = analyseSingleCell(study, effectivePlan.singleCell.cellTypes);
  options.onStep?.("done", steps.length, steps.length);

  return {
    format: "biomarker-report-results/1",
    title: effectivePlan.title,
    study: { name: study.name, simulated: study.simulated },
    seed: effectivePlan.seed,
    visits,
    cohort,
    clinicalCourse,
    immuneDynamics,
    reconstitution,
    associations,
    biomarkers,
    singleCell,
    multiplicity,
    methods: {
      plan: effectivePlan,
      software: { toolkitVersion, packages: usedPackages },
      provenance: {
        inputFiles: [...study.inputFiles].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
        planSha256: createHash("sha256").update(stableJson(effectivePlan)).digest("hex"),
        seed: effectivePlan.seed,
      },
    },
  };
}

/** The toolkit packages whose methods produce the report's numbers (all at the toolkit version). */
const usedPackages = ["@biomarker/schema", "@biomarker/numerics", "@biomarker/lmm", "@biomarker/correlation", "@biomarker/multiple-testing", "@biomarker/bootstrap", "@biomarker/report"];

/** Plan references the study must satisfy; each problem is named by its key path. */
function checkPlanAgainstStudy(study: ReportStudy, plan: AnalysisPlan): void {
  const issues: string[] = [];
  const visitLabels = new Set([...study.samples.map((s) => s.visit), ...study.measurements.map((m) => m.visit)]);
  const known = [...visitLabels].join(", ");
  const checkVisit = (path: string, visit: string) => {
    if (!visitLabels.has(visit)) issues.push(`${path}: visit "${visit}" is not in the study (visits: ${known})`);
  };
  checkVisit("visits.baseline", plan.visits.baseline);
  checkVisit("visits.landmark", plan.visits.landmark);
  plan.visits.order?.forEach((v, i) => checkVisit(`visits.order[${i}]`, v));
  const featureIds = new Set(study.features.map((f) => f.id));
  const listed = [...featureIds].slice(0, 20).join(", ") + (featureIds.size > 20 ? `, ... (${featureIds.size - 20} more)` : "");
  const checkFeature = (path: string, id: string) => {
    if (!featureIds.has(id)) issues.push(`${path}: feature "${id}" is not in the study (features: ${listed})`);
  };
  plan.featureGroups.forEach((g, i) => {
    if (selectFeatures(study.features, g.features).length === 0) issues.push(`featureGroups[${i}].features: no study feature matches ${g.features.join(", ")}`);
    for (const problem of formulaProblems(g.formula, subjectCovariateNames(study))) issues.push(`featureGroups[${i}].formula: ${problem}`);
  });
  (plan.outcomes ?? []).forEach((o, i) => checkFeature(`outcomes[${i}].feature`, o.feature));
  plan.associations.negativeControls.forEach((c, i) => {
    checkFeature(`associations.negativeControls[${i}].x`, c.x);
    checkFeature(`associations.negativeControls[${i}].y`, c.y);
  });
  if (plan.reconstitution !== undefined) {
    checkFeature("reconstitution.feature", plan.reconstitution.feature);
    plan.reconstitution.naiveFeatures.forEach((f, i) => checkFeature(`reconstitution.naiveFeatures[${i}]`, f));
    plan.reconstitution.memoryFeatures.forEach((f, i) => checkFeature(`reconstitution.memoryFeatures[${i}]`, f));
  }
  (plan.clinical?.features ?? []).forEach((f, i) => {
    if (selectFeatures(study.features, [f]).length === 0) issues.push(`clinical.features[${i}]: no study feature matches "${f}"`);
  });
  if (issues.length > 0) throw new PlanError(`the plan does not fit study ${study.name}:\n  ${issues.join("\n  ")}`, null, issues);
}
