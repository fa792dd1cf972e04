import { scoreBiomarkers, type LongMeasurement } from "@biomarker/bootstrap";
import type { AnalysisPlan } from "../plan/schema.js";
import type { BiomarkerRow, BiomarkersSection } from "../results.js";
import type { ReportStudy } from "../study/model.js";
import type { AnalysedFeature } from "./associations.js";
import { linearValue } from "./values.js";

/**
 * Section 6: @biomarker/bootstrap's biomarker score (docs/scoring.md) of every analysed feature against
 * the plan's first (primary) outcome, with the change from baseline at the landmark visit. Values are on
 * the plan's transformed scale with censored values per the plan's censoring rule, so the rmcorr
 * estimates equal those of section 5 (half the LLOQ ranks below every quantified value, as a tie).
 */
export function analyseBiomarkers(study: ReportStudy, plan: AnalysisPlan, features: readonly AnalysedFeature[]): BiomarkersSection {
  const outcome = plan.outcomes?.[0]?.feature ?? "";
  const transforms = new Map(features.map((f) => [f.id, f.transform]));
  transforms.set(outcome, "none");
  const measurements: LongMeasurement[] = study.measurements
    .filter((m) => transforms.has(m.feature))
    .map((m) => ({ subject: m.subject, visit: m.visit, day: m.day, feature: m.feature, value: linearValue(m, transforms.get(m.feature)!, plan.censoring.linearMethods) }));
  const empty = { outcome, landmark: plan.visits.landmark, exact: null, replicates: null, rows: [] };
  if (outcome === "") return { ...empty, pending: ["The plan names no outcome."] };
  if (features.filter((f) => f.id !== outcome).length === 0) return { ...empty, pending: ["No candidate features to score."] };
  let scores: ReturnType<typeof scoreBiomarkers>;
  try {
    scores = scoreBiomarkers(measurements, {
      outcome,
      features: features.map((f) => f.id).filter((id) => id !== outcome),
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
  return { pending: [], outcome, landmark: scores.landmark, exact: scores.exact, replicates: scores.replicates, rows };
}
