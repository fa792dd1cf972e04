import { DEFAULT_INTERVALS } from "@biomarker/bootstrap";
import { outcomeDefiningFeatures } from "@biomarker/schema";
import { scoreBiomarkers, type LongMeasurement } from "@biomarker/scoring";
import type { AnalysisPlan } from "../plan/schema.js";
import type { BiomarkerRow, BiomarkersSection } from "../results.js";
import type { ReportStudy } from "../study/model.js";
import { matchesPattern, selectFeatures } from "../study/select.js";
import type { AnalysedFeature } from "./associations.js";
import { linearValue } from "./values.js";

/**
 * Section 6: @biomarker/scoring's biomarker score (docs/scoring.md) of every analysed feature against
 * the plan's first (primary) outcome, with the change from baseline at the landmark visit. Values are on
 * the plan's transformed scale with censored values per the plan's censoring rule, so the rmcorr
 * estimates equal those of section 5 (half the LLOQ ranks below every quantified value, as a tie).
 * The variables that define the outcome (plan key biomarkers.excludeCandidates, default @biomarker/schema's
 * outcomeDefiningFeatures) are never candidates: they correlate with it by construction.
 */
export function analyseBiomarkers(study: ReportStudy, plan: AnalysisPlan, features: readonly AnalysedFeature[]): BiomarkersSection {
  const outcome = plan.outcomes[0].feature;
  const transforms = new Map(features.map((f) => [f.id, f.transform]));
  transforms.set(outcome, "none");
  const measurements: LongMeasurement[] = study.measurements
    .filter((m) => transforms.has(m.feature))
    .map((m) => ({ subject: m.subject, visit: m.visit, day: m.day, feature: m.feature, value: linearValue(m, transforms.get(m.feature)!, plan.censoring.linearMethods) }));
  const excludePatterns = plan.biomarkers.excludeCandidates ?? outcomeDefiningFeatures(outcome);
  const analysed = features.map((f) => f.id).filter((id) => id !== outcome);
  const excluded = analysed.filter((id) => excludePatterns.some((p) => matchesPattern(id, p)));
  const candidates = analysed.filter((id) => !excluded.includes(id));
  // BCa is the default interval for correlations (@biomarker/bootstrap's coverage study); percentile where BCa is undefined.
  const interval = { method: "bca" as const, fallback: "percentile" as const, coverageAtSix: DEFAULT_INTERVALS.correlation.coverageAtSix };
  const empty = { outcome, landmark: plan.visits.landmark, excludePatterns: [...excludePatterns], excluded, interval, exact: null, replicates: null, rows: [] };
  if (candidates.length === 0) return { ...empty, pending: ["No candidate features to score."] };
  let scores: ReturnType<typeof scoreBiomarkers>;
  try {
    scores = scoreBiomarkers(measurements, {
      outcome,
      features: candidates,
      landmark: plan.visits.landmark,
      replicates: plan.bootstrap.replicates,
      seed: plan.seed,
      conf: plan.bootstrap.confLevel,
      topK: plan.bootstrap.topK,
    });
  } catch (error) {
    // Data on which the score is undefined (e.g. too few subjects with the outcome) are reported, not fatal.
    if ((error as { inputError?: unknown }).inputError !== true) throw error;
    return { ...empty, pending: [`Biomarker scores: ${(error as Error).message}`] };
  }
  const rows: BiomarkerRow[] = scores.features.map((f) => {
    const interval = f.rmcorr.bca ?? f.rmcorr.percentile;
    return {
      rank: f.rank,
      feature: f.feature,
      score: f.score,
      estimate: f.rmcorr.estimate,
      lower: interval ? interval[0] : null,
      upper: interval ? interval[1] : null,
      intervalMethod: f.rmcorr.bca ? "bca" : f.rmcorr.percentile ? "percentile" : null,
      intervalReliable: f.rmcorr.reliable,
      pValue: f.rmcorr.pValue,
      qValue: f.rmcorr.qValue,
      changeEstimate: f.change.estimate,
      changePValue: f.change.pValue,
      signKeeping: f.stability.signKeeping,
      topK: f.stability.topK,
      leaveOneOutSignSurvives: f.leaveOneOut.signSurvives,
      leaveOneOutMaxShift: f.leaveOneOut.maxShift,
      mostInfluentialSubject: f.leaveOneOut.mostInfluential,
      subjectsAgreeing: f.direction.agreeing,
      subjectsDefined: f.direction.defined,
      ...f.components,
    };
  });
  return { ...empty, pending: [], landmark: scores.landmark, exact: scores.exact, replicates: scores.replicates, rows };
}

/**
 * Section 6 on its own: the features of the plan's groups (the first group that matches a feature sets its
 * transform, as in section 3) scored exactly as runAnalysis scores them. The score's validation
 * (tools/score-validation) runs this on simulated cohorts.
 */
export function reportBiomarkerScores(study: ReportStudy, plan: AnalysisPlan): BiomarkersSection {
  const analysed: AnalysedFeature[] = [];
  const seen = new Set<string>();
  for (const group of plan.featureGroups) {
    for (const f of selectFeatures(study.features, group.features)) {
      if (!seen.has(f.id)) analysed.push({ id: f.id, transform: group.transform });
      seen.add(f.id);
    }
  }
  return analyseBiomarkers(study, plan, analysed);
}
