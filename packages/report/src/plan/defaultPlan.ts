import { stringify } from "yaml";
import type { AnalysisPlanInput } from "./schema.js";
import { validatePlan } from "./parse.js";

/**
 * The default plan, written for the bundled cohort datasets/csle-bite-sim (documented key by key in
 * docs/plan.md): absolute counts of every flow population on the log10 scale in three groups, a visit
 * factor model with a random intercept per subject, baseline D0 (the pre-dose sample on the day of the
 * first dose), landmark D28, SLEDAI-2K and serology as outcomes, B-cell reconstitution at the LLOQ.
 */
export const defaultPlanInput: AnalysisPlanInput = {
  version: 1,
  title: "csle-bite-sim: immune dynamics, clinical associations and candidate biomarkers",
  seed: 20261125,
  visits: { baseline: "D0", landmark: "D28" },
  featureGroups: [
    {
      name: "B cells",
      features: ["b_cells_count", "b_*_count", "plasmablasts_count"],
      transform: "log10",
      formula: "value ~ visit + (1 | subject)",
    },
    {
      name: "T cells",
      features: ["t_cells_count", "cd4*_count", "cd8*_count", "treg_count", "tfh_count", "th17_count", "gd_t_count", "mait_count"],
      transform: "log10",
      formula: "value ~ visit + (1 | subject)",
    },
    {
      name: "NK cells, myeloid cells and granulocytes",
      features: ["nk*_count", "mono*_count", "pdc_count", "mdc_count", "neutrophils_count", "eosinophils_count", "basophils_count"],
      transform: "log10",
      formula: "value ~ visit + (1 | subject)",
    },
  ],
  clinical: { features: ["sledai2k", "c3", "c4", "anti_dsdna", "upcr"] },
  outcomes: [
    { feature: "sledai2k", label: "SLEDAI-2K" },
    { feature: "c3", label: "C3" },
    { feature: "c4", label: "C4" },
    { feature: "anti_dsdna", label: "anti-dsDNA" },
  ],
  lmm: { ddf: "kenward-roger", confLevel: 0.95, covariance: "random-intercept" },
  reconstitution: {
    feature: "b_cells_count",
    threshold: { kind: "lloq" },
    naiveFeatures: ["b_naive_pct"],
    memoryFeatures: ["b_unswitched_memory_pct", "b_switched_memory_pct"],
  },
  associations: { methods: ["rmcorr", "spearman-change"], pValue: "auto" },
  multiplicity: { method: "dbh", level: 0.05 },
  censoring: { linearMethods: "half-lloq" },
  bootstrap: { replicates: "auto", confLevel: 0.95, topK: 5 },
  singleCell: { cellTypes: ["*"] },
};

/** The validated default plan (a fresh copy each call). */
export function defaultPlan() {
  return validatePlan(structuredClone(defaultPlanInput), "(default plan)");
}

/** The default plan as a YAML file to copy and edit (`biomarker report --print-plan`); docs/plan.md explains each key. */
export function defaultPlanYaml(): string {
  return `# Analysis plan for biomarker report (the default plan for datasets/csle-bite-sim).\n# Every key is documented in docs/plan.md; omitted keys take their documented defaults.\n${stringify(defaultPlanInput, { lineWidth: 0 })}`;
}
