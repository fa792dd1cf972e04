import type { Results } from "../results.js";
import { clrPseudocount } from "../analysis/singleCell.js";
import { resultDigits } from "../format/stableJson.js";

const censoringText = {
  "half-lloq": "half the LLOQ for a censored value",
  lloq: "the LLOQ for a censored value",
  exclude: "only quantified values (censored values left out)",
} as const;

const associationMethodText: Record<Results["methods"]["plan"]["associations"]["methods"][number], (p: Results["methods"]["plan"]) => string> = {
  within: (p) =>
    `the primary model, a visit-adjusted within-subject slope: outcome ~ visit + x_within + x_between + (1 | subject) fitted by REML, visit a factor, x_between the subject's mean of the feature over the samples used and x_within the deviation from it, the x_within slope tested with ${p.associations.ddf === "kenward-roger" ? "Kenward-Roger" : "Satterthwaite"} df (lmerTest's test); the visit factor absorbs any time course the feature and the outcome share, so the slope measures whether a subject's outcome is higher at the visits where its feature is higher than usual for that subject, compared with other subjects at the same visits (it assumes a common visit effect across subjects, exchangeable residuals within a subject and a linear within-subject relation)`,
  rmcorr: () =>
    "repeated-measures correlation over all visits (Bakdash & Marusich 2017), which treats the visits of a subject as independent given the subject and does not adjust for visit: a time course shared by feature and outcome (e.g. both changing after dosing) makes it large without any within-visit association, so it is descriptive here",
  "spearman-change": (p) => `Spearman correlation of the change from baseline at ${p.visits.landmark} (one value per subject; exact permutation p-values)`,
};

/**
 * What the plan's negative controls give (pairs with no association by design): the within slope and the
 * rmcorr correlation side by side, so a reader sees what a shared time course alone produces.
 */
export function negativeControlText(r: Results): string[] {
  const digits = (v: number | null) => (v === null ? "NA" : Number(v.toPrecision(3)).toString());
  return r.associations.negativeControls.map((c) => {
    const by = (method: string) => c.rows.find((row) => row.method === method);
    const results = c.rows.map((row) =>
      row.estimate === null
        ? `${row.method}: not estimable (${row.note ?? "no estimate"})`
        : `${row.method} ${({ within: "slope", rmcorr: "r" } as Record<string, string>)[row.method] ?? "rho"} = ${digits(row.estimate)}, p = ${digits(row.pValue)}`,
    );
    const within = by("within");
    const rmcorr = by("rmcorr");
    const contrast =
      within?.pValue != null && rmcorr?.pValue != null
        ? ` The pair has no association by design; ${rmcorr.pValue < r.multiplicity.level ? `rmcorr's small p-value is what a shared time course alone gives, and ` : ""}${within.pValue < r.multiplicity.level ? "the within model also finds one, so its results need the same caution." : "the within model, which adjusts for visit, finds none."}`
        : "";
    return `Negative control ${c.x} vs ${c.y}${c.reason ? ` (${c.reason})` : ""}, not part of any multiplicity family: ${results.join("; ")}.${contrast}`;
  });
}

/** The methods appendix as plain sentences (escaped by each renderer), generated from the plan. */
export function methodsParagraphs(r: Results): { heading: string; text: string }[] {
  const p = r.methods.plan;
  const groups = p.featureGroups.map((g) => `${g.name}: ${g.features.join(", ")} (transform ${g.transform}; model ${g.formula})`).join("; ");
  const threshold = p.reconstitution?.threshold;
  const thresholdText = threshold === undefined ? "" : threshold.kind === "lloq"
    ? "the first quantifiable value (at or above the LLOQ)"
    : threshold.kind === "absolute"
      ? `the first value at or above ${threshold.value}`
      : `the first value at or above ${threshold.value} times the subject's baseline`;
  const ddf = { satterthwaite: "Satterthwaite", "kenward-roger": "Kenward-Roger", none: "no small-sample correction (normal reference)" }[p.lmm.ddf];
  return [
    { heading: "Data", text: `Study ${r.study.name}${r.study.simulated ? " (SIMULATED data)" : ""}. Samples failing the QC rules of the study manifest (viability and haemolysis thresholds, applied by the study reader) are excluded from every analysis and listed with their reason; clinical assessments at those visits are kept. Values below the lower limit of quantification (LLOQ) are left-censored and kept with their limit: drawn at the LLOQ, ranked below every quantified value in medians and Spearman correlations, unknown in a change from baseline; the linear methods (LMM, rmcorr) use ${censoringText[p.censoring.linearMethods]}.` },
    { heading: "Visits", text: `Visit order: ${r.visits.map((v) => v.visit).join(", ")}${p.visits.order ? " (from the plan)" : " (by nominal study day)"}. Baseline visit: ${p.visits.baseline}. Landmark visit for change-from-baseline associations and biomarker scores: ${p.visits.landmark}.` },
    { heading: p.sections?.dynamics ?? "Immune dynamics", text: `Feature groups: ${groups}. Medians per visit rank censored values lowest and are reported as below the LLOQ when the median falls among them. Each feature's model is fitted by REML (lme4's profiled criterion) with ${p.visits.baseline} as the reference level of the visit factor; the estimated marginal mean of every visit and its change from ${p.visits.baseline} (emmeans' treatment-versus-control contrasts) are tested with ${ddf} degrees of freedom, with ${Math.round(p.lmm.confLevel * 100)}% t intervals on the transformed scale. Model means are drawn back-transformed to the data scale.` },
    { heading: "Multiplicity", text: `One family per question, defined in the plan (table below): ${r.multiplicity.families.map((f) => `"${f.name}" (${f.question} ${f.tests.join(", ")})`).join("; ")}. Each test has one adjusted p-value, computed once in its family and shown wherever the test appears (section 6's q-values are those of the rmcorr tests of section 5). Procedure: ${p.multiplicity.method === "auto" ? "Benjamini-Hochberg for every family; exact discrete p-values are super-uniform under the null, so BH keeps its FDR guarantee for them and can reject" : p.multiplicity.method === "dbh" ? "the discrete Benjamini-Hochberg step-down procedure (Doehler, Durand & Roquain 2018) with each exact test's null support; Benjamini-Hochberg for continuous families" : `R's p.adjust "${p.multiplicity.method}"`}, unless a family names its own. Every family states its smallest attainable p-value and the smallest adjusted p-value it could give; a family that cannot reach the level whatever the data says so and reports no adjusted p-values. Discoveries at adjusted p <= ${p.multiplicity.level}. ${r.multiplicity.families.map((f) => f.statement).join(" ")}${r.multiplicity.unadjusted.length > 0 ? ` Not adjusted (in no family): ${r.multiplicity.unadjusted.join(", ")}.` : ""}` },
    ...(p.reconstitution === undefined ? [] : [{ heading: "B-cell reconstitution", text: `Feature ${p.reconstitution.feature}. Depletion: the first post-dose value below the LLOQ. Reconstitution: after depletion, ${thresholdText}. Time to reconstitution counts from the first dose (day 0); subjects not reconstituted are censored at their last sample; the Kaplan-Meier estimator (Kaplan & Meier 1958) with Greenwood's variance and a log-scale ${Math.round(p.lmm.confLevel * 100)}% interval (R survfit's default) is used. Phenotype at reconstitution: naive share = naive / (naive + memory) with naive = ${p.reconstitution.naiveFeatures.join(" + ") || "(not set)"} and memory = ${p.reconstitution.memoryFeatures.join(" + ") || "(not set)"}.` }]),
    ...((p.outcomes ?? []).length === 0 ? [] : [{ heading: "Associations", text: `Outcomes: ${(p.outcomes ?? []).map((o) => o.label ?? o.feature).join(", ")}. Methods, in order: ${p.associations.methods.map((m) => associationMethodText[m](p)).join("; ")}. Spearman p-values: ${p.associations.pValue} (exact permutation distributions where enumerable). ${negativeControlText(r).join(" ")}` }]),
    ...((p.outcomes ?? []).length === 0 ? [] : [{ heading: "Candidate biomarkers", text: `Outcome ${r.biomarkers.outcome} (the plan's first), landmark ${r.biomarkers.landmark}. Subject-level bootstrap (${r.biomarkers.exact === null ? "not run" : r.biomarkers.exact ? `exact: all ${r.biomarkers.replicates} distinct resamples enumerated with their multinomial weights` : `${r.biomarkers.replicates} seeded Monte Carlo replicates`}), ${Math.round(p.bootstrap.confLevel * 100)}% BCa intervals (percentile where BCa is undefined), sign stability and top-${p.bootstrap.topK} frequency, leave-one-subject-out sensitivity and per-subject direction; the score is the product of strength, coverage, stability, robustness and consistency (docs/scoring.md).` }]),
    ...(r.singleCell.compositions.length === 0 ? [] : [{ heading: "Single-cell compositions", text: `Cell-type counts per sample as proportions; centred log-ratio clr(x)_i = log(x_i + ${clrPseudocount}) - mean_j log(x_j + ${clrPseudocount}) (Aitchison 1986), change from each subject's first to last single-cell sample.` }]),
    { heading: "Software and reproducibility", text: `biomarker-toolkit ${r.methods.software.toolkitVersion} (${r.methods.software.packages.join(", ")}); figures drawn with Observable Plot. Seed ${r.methods.provenance.seed}; plan SHA-256 ${r.methods.provenance.planSha256} (of the validated plan with defaults, keys sorted). results.json holds every number at ${resultDigits} significant digits; the same inputs and seed give byte-identical files.` },
  ];
}
