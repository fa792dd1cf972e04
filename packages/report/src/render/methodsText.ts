import type { Results } from "../results.js";
import { clrPseudocount } from "../analysis/singleCell.js";
import { resultDigits } from "../format/stableJson.js";

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
    { heading: "Data", text: `Study ${r.study.name}${r.study.simulated ? " (SIMULATED data)" : ""}. Samples failing the QC rules of the study manifest (viability and haemolysis thresholds, applied by the study reader) are excluded from every analysis and listed with their reason. Values below the lower limit of quantification (LLOQ) are left-censored: kept with their limit, never replaced by a number; they are drawn at the LLOQ and ranked below every quantified value.` },
    { heading: "Visits", text: `Visit order: ${r.visits.map((v) => v.visit).join(", ")}${p.visits.order ? " (from the plan)" : " (by median study day)"}. Baseline visit: ${p.visits.baseline}. Landmark visit for change-from-baseline associations and biomarker scores: ${p.visits.landmark}.` },
    { heading: "Immune dynamics", text: `Feature groups: ${groups}. Medians per visit rank censored values lowest and are reported as below the LLOQ when the median falls among them. Linear mixed models are fitted by REML with subject as random effect; fixed-effect contrasts of each visit against ${p.visits.baseline} use ${ddf} degrees of freedom and ${Math.round(p.lmm.confLevel * 100)}% confidence intervals. Model means are drawn back-transformed to the data scale.` },
    { heading: "Multiplicity", text: `p-values are adjusted across all tests of a section with the ${p.multiplicity.method === "dbh" ? "discrete Benjamini-Hochberg procedure (Doehler, Durand & Roquain 2018) using each exact test's null support" : p.multiplicity.method} method; discoveries at level ${p.multiplicity.level}.` },
    { heading: "B-cell reconstitution", text: `Feature ${p.reconstitution.feature}. Depletion: the first post-dose value below the LLOQ. Reconstitution: after depletion, ${thresholdText}. Time to reconstitution counts from the first dose (day 0); subjects not reconstituted are censored at their last sample; the Kaplan-Meier estimator (Kaplan & Meier 1958) with Greenwood's variance and a log-scale ${Math.round(p.lmm.confLevel * 100)}% interval (R survfit's default) is used. Phenotype at reconstitution: naive share = naive / (naive + memory) with naive = ${p.reconstitution.naiveFeatures.join(" + ") || "(not set)"} and memory = ${p.reconstitution.memoryFeatures.join(" + ") || "(not set)"}.` },
    { heading: "Associations", text: `Outcomes: ${p.outcomes.map((o) => o.label ?? o.feature).join(", ")}. Methods: ${p.associations.methods.map((m) => (m === "rmcorr" ? "repeated-measures correlation over all visits (Bakdash & Marusich 2017)" : `Spearman correlation of change from baseline at ${p.visits.landmark}`)).join("; ")}. p-values: ${p.associations.pValue} (exact permutation distributions where enumerable).` },
    { heading: "Candidate biomarkers", text: `Subject-level bootstrap with ${p.bootstrap.replicates === "exact" ? "exact enumeration of all distinct resamples" : `${p.bootstrap.replicates} seeded replicates`}, ${Math.round(p.bootstrap.confLevel * 100)}% intervals, stability in the top ${p.bootstrap.topK}, and leave-one-subject-out sensitivity; score as defined in docs/scoring.md.` },
    { heading: "Single-cell compositions", text: `Cell-type counts per sample as proportions; centred log-ratio clr(x)_i = log(x_i + ${clrPseudocount}) - mean_j log(x_j + ${clrPseudocount}) (Aitchison 1986), change from each subject's first to last single-cell sample.` },
    { heading: "Software and reproducibility", text: `biomarker-toolkit ${r.methods.software.toolkitVersion} (${r.methods.software.packages.join(", ")}), Node.js runtime; figures by Observable Plot. Seed ${r.methods.provenance.seed}; plan SHA-256 ${r.methods.provenance.planSha256} (of the validated plan with defaults, keys sorted). results.json holds every number at ${resultDigits} significant digits; the same inputs and seed give byte-identical files.` },
  ];
}
