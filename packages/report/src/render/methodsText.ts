import type { BiomarkersSection, Results } from "../results.js";
import { clrPseudocount } from "../analysis/singleCell.js";
import { resultDigits } from "../format/stableJson.js";

const censoringText = {
  "half-lloq": "half the LLOQ for a censored value",
  lloq: "the LLOQ for a censored value",
  exclude: "only quantified values (censored values left out)",
} as const;

/** The methods appendix as plain sentences (escaped by each renderer), generated from the plan. */
export function methodsParagraphs(r: Results): { heading: string; text: string }[] {
  const p = r.methods.plan;
  const groups = p.featureGroups.map((g) => `${g.name}: ${g.features.join(", ")} (transform ${g.transform}; model ${g.formula})`).join("; ");
  const threshold = p.reconstitution.threshold;
  const thresholdText = threshold.kind === "lloq"
    ? "the first quantifiable value (at or above the LLOQ)"
    : threshold.kind === "absolute"
      ? `the first value at or above ${threshold.value}`
      : `the first value at or above ${threshold.value} times the subject's baseline`;
  const ddf = { satterthwaite: "Satterthwaite", "kenward-roger": "Kenward-Roger", none: "no small-sample correction (normal reference)" }[p.lmm.ddf];
  return [
    { heading: "Data", text: `Study ${r.study.name}${r.study.simulated ? " (SIMULATED data)" : ""}. Samples failing the QC rules of the study manifest (viability and haemolysis thresholds, applied by the study reader) are excluded from every analysis and listed with their reason; clinical assessments at those visits are kept. Values below the lower limit of quantification (LLOQ) are left-censored and kept with their limit: drawn at the LLOQ, ranked below every quantified value in medians and Spearman correlations, unknown in a change from baseline; the linear methods (LMM, rmcorr) use ${censoringText[p.censoring.linearMethods]}.` },
    { heading: "Visits", text: `Visit order: ${r.visits.map((v) => v.visit).join(", ")}${p.visits.order ? " (from the plan)" : " (by nominal study day)"}. Baseline visit: ${p.visits.baseline}. Landmark visit for change-from-baseline associations and biomarker scores: ${p.visits.landmark}.` },
    { heading: "Immune dynamics", text: `Feature groups: ${groups}. Medians per visit rank censored values lowest and are reported as below the LLOQ when the median falls among them. Each feature's model is fitted by REML (lme4's profiled criterion) with ${p.visits.baseline} as the reference level of the visit factor; the estimated marginal mean of every visit and its change from ${p.visits.baseline} (emmeans' treatment-versus-control contrasts) are tested with ${ddf} degrees of freedom, with ${Math.round(p.lmm.confLevel * 100)}% t intervals on the transformed scale. Model means are drawn back-transformed to the data scale.` },
    { heading: "Multiplicity", text: `Families: all changes from baseline of section 3 (every feature and visit); the associations of section 5, one family per method (every feature and outcome). ${p.multiplicity.method === "dbh" ? "Method: the discrete Benjamini-Hochberg step-down procedure (Doehler, Durand & Roquain 2018) with each exact test's null support (it gives adjusted p-values); a family of continuous p-values (rmcorr t tests, LMM contrasts) is adjusted by Benjamini-Hochberg, to which the discrete procedure reduces for continuous nulls." : `Method: R's p.adjust "${p.multiplicity.method}".`} Discoveries at adjusted p <= ${p.multiplicity.level}. The biomarker q-values of section 6 are those of @biomarker/scoring's score.` },
    { heading: "B-cell reconstitution", text: `Feature ${p.reconstitution.feature}. Depletion: the first post-dose value below the LLOQ. Reconstitution: after depletion, ${thresholdText}. Time to reconstitution counts from the first dose (day 0); subjects not reconstituted are censored at their last sample; the Kaplan-Meier estimator (Kaplan & Meier 1958) with Greenwood's variance and a log-scale ${Math.round(p.lmm.confLevel * 100)}% interval (R survfit's default) is used. Phenotype at reconstitution: naive share = naive / (naive + memory) with naive = ${p.reconstitution.naiveFeatures.join(" + ") || "(not set)"} and memory = ${p.reconstitution.memoryFeatures.join(" + ") || "(not set)"}.` },
    { heading: "Associations", text: `Outcomes: ${p.outcomes.map((o) => o.label ?? o.feature).join(", ")}. Methods: ${p.associations.methods.map((m) => (m === "rmcorr" ? "repeated-measures correlation over all visits (Bakdash & Marusich 2017)" : `Spearman correlation of change from baseline at ${p.visits.landmark}`)).join("; ")}. p-values: ${p.associations.pValue} (exact permutation distributions where enumerable).` },
    { heading: "Candidate biomarkers", text: `Outcome ${r.biomarkers.outcome} (the plan's first), landmark ${r.biomarkers.landmark}. Subject-level bootstrap (${r.biomarkers.exact === null ? "not run" : r.biomarkers.exact ? `exact: all ${r.biomarkers.replicates} distinct resamples enumerated with their multinomial weights, which removes Monte Carlo error but does not make the intervals' coverage exact` : `${r.biomarkers.replicates} seeded Monte Carlo replicates`}), ${Math.round(p.bootstrap.confLevel * 100)}% BCa intervals (percentile where BCa is undefined), sign stability and top-${p.bootstrap.topK} frequency, leave-one-subject-out sensitivity and per-subject direction; the score is the product of strength, coverage, stability, robustness and consistency (docs/scoring.md). ${biomarkerCaveats(r.biomarkers)}` },
    { heading: "Single-cell compositions", text: `Cell-type counts per sample as proportions; centred log-ratio clr(x)_i = log(x_i + ${clrPseudocount}) - mean_j log(x_j + ${clrPseudocount}) (Aitchison 1986), change from each subject's first to last single-cell sample.` },
    { heading: "Software and reproducibility", text: `biomarker-toolkit ${r.methods.software.toolkitVersion} (${r.methods.software.packages.join(", ")}); figures drawn with Observable Plot. Seed ${r.methods.provenance.seed}; plan SHA-256 ${r.methods.provenance.planSha256} (of the validated plan with defaults, keys sorted). results.json holds every number at ${resultDigits} significant digits; the same inputs and seed give byte-identical files.` },
  ];
}

/**
 * What a reader of section 6 must know next to the ranking: the score is a ranking aid, not evidence;
 * which candidates were excluded and why; the interval and its measured coverage.
 */
export function biomarkerCaveats(b: BiomarkersSection): string {
  const coverage = b.interval.coverageAtSix.map((c) => `${(100 * c.coverage).toFixed(1)}% (Monte Carlo SE ${(100 * c.mcError).toFixed(1)}%) for a ${c.scenario}`).join("; ");
  const excluded =
    b.excludePatterns.length === 0
      ? "No candidate was excluded as outcome-defining."
      : `Variables that define ${b.outcome} (${b.excludePatterns.join(", ")}) are never candidates, because they correlate with it by construction; ${b.excluded.length === 0 ? "none of them was among the analysed features" : `excluded here: ${b.excluded.join(", ")}`}.`;
  return `The score is a ranking aid for choosing features to study, not evidence of association: on simulated cohorts it ranks no better than |rmcorr| alone (docs/scoring.md), and error control comes from the q-values only. ${excluded} Intervals: ${b.interval.method === "bca" ? "BCa" : b.interval.method} of the rmcorr; the measured coverage of the nominal 95% BCa interval at n = 6 is ${coverage} (docs/bootstrap-coverage.md), for independent pairs, not for the clustered rmcorr.`;
}
