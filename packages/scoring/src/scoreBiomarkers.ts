import {
  bootstrap,
  featureCorrelationStatistic,
  rmcorrStatistic,
  summarizeBootstrap,
  type BootstrapOptions,
  type Interval,
  type IntervalFlag,
} from "@biomarker/bootstrap";
import { repeatedMeasuresCorrelation, spearmanTest } from "@biomarker/correlation";
import { pAdjust } from "@biomarker/multiple-testing";
import { ScoringInputError } from "./errors.js";
import { changeFdr } from "./changeFdr.js";
import { directionConsistency } from "./directionConsistency.js";
import { biomarkerScore, scoreComponents, type ScoreComponents } from "./score.js";
import { scoringData, type LongMeasurement, type ScoringDataOptions } from "./scoringData.js";
import { featureStability } from "./stability.js";

export interface ScoreOptions extends ScoringDataOptions, BootstrapOptions {
  /** Confidence level of the bootstrap intervals (default 0.95). */
  conf?: number;
  /** k of the top-k stability (default 5). */
  topK?: number;
}

export interface AssociationReport {
  estimate: number | null;
  /** Observations (rmcorr) or subjects (change) with complete pairs. */
  n: number;
  pValue: number | null;
  pValueMethod: string | null;
  /** FDR-adjusted p over the candidate features. */
  qValue: number | null;
  /** Bootstrap percentile and BCa intervals (subjects resampled). */
  percentile: Interval | null;
  bca: Interval | null;
  /** Flags of the percentile interval (see IntervalFlag). */
  flags: IntervalFlag[];
  reliable: boolean;
  /** Flags of the BCa interval, and whether it exists without flags. */
  bcaFlags: IntervalFlag[];
  bcaReliable: boolean;
}

export interface ScoredFeature {
  rank: number;
  feature: string;
  score: number;
  components: ScoreComponents;
  /** Repeated-measures correlation over all visits (the association the score is built on). */
  rmcorr: AssociationReport;
  /** Spearman correlation of the change from baseline to the landmark visit, over subjects. */
  change: AssociationReport;
  stability: { signKeeping: number | null; topK: number };
  leaveOneOut: {
    /** Every leave-one-subject-out rmcorr keeps the sign (null when the estimate is undefined). */
    signSurvives: boolean | null;
    /** Largest |r_(-i) - r| over subjects, and the subject that causes it. */
    maxShift: number | null;
    mostInfluential: string | null;
    values: (number | null)[];
  };
  direction: { agreeing: number; defined: number; perSubject: (number | null)[] };
}

export interface BiomarkerScores {
  outcome: string;
  landmark: string;
  /** Candidates removed by `exclude` (outcome-defining variables and other outcomes). */
  excluded: string[];
  subjects: string[];
  exact: boolean;
  replicates: number;
  seed: number | null;
  conf: number;
  topK: number;
  /** How the q-values were adjusted: BH for the continuous rmcorr t tests; discrete BH step-down
   *  (Doehler et al. 2018) for the exact landmark-change Spearman tests, BH when a p-value is not exact. */
  fdrMethod: { rmcorr: "BH"; change: "DBH-SD" | "BH" };
  features: ScoredFeature[];
}

/**
 * Scores every candidate feature against a clinical outcome (docs/scoring.md): association, bootstrap
 * intervals (subjects resampled, exact at small n), FDR-adjusted p, bootstrap stability, leave-one-
 * subject-out robustness and per-subject direction consistency, combined into one score and ranked.
 */
export function scoreBiomarkers(measurements: readonly LongMeasurement[], options: ScoreOptions): BiomarkerScores {
  const conf = options.conf ?? 0.95;
  const topK = options.topK ?? 5;
  if (!Number.isInteger(topK) || topK < 1) throw new ScoringInputError(`topK must be a positive integer, got ${topK}`);
  const data = scoringData(measurements, options);
  const { longitudinal, change, subjects } = data;
  const bootstrapOptions: BootstrapOptions = { replicates: options.replicates, seed: options.seed, exactLimit: options.exactLimit };

  const rm = bootstrap(rmcorrStatistic(longitudinal), bootstrapOptions);
  const delta = bootstrap(featureCorrelationStatistic("spearman", change), bootstrapOptions);

  const rmTests = longitudinal.features.map((f) => repeatedMeasuresCorrelation(longitudinal.subject, f.values, longitudinal.outcome, { confLevel: conf }));
  const changeTests = change.features.map((f) => spearmanTest(f.values, change.outcome, { confLevel: conf }));
  const rmQ = pAdjust(rmTests.map((t) => t.pValue), "BH");
  const changeQ = changeFdr(changeTests);

  const outcomeObservations = longitudinal.outcome.filter((v) => v !== null).length;
  const coverage = rmTests.map((t) => Math.min(1, t.n / outcomeObservations));
  const stability = featureStability(rm, topK, coverage);
  const scored = longitudinal.features.map((feature, j): Omit<ScoredFeature, "rank"> => {
    const rmSummary = summarizeBootstrap(rm, j, conf);
    const changeSummary = summarizeBootstrap(delta, j, conf);
    const estimate = rmSummary.estimate;
    const looValues = rmSummary.jackknife.values;
    const direction = directionConsistency(longitudinal, j, estimate);
    const components = scoreComponents({
      estimate,
      pairs: rmTests[j].n,
      outcomeObservations,
      signKeeping: stability[j].signKeeping,
      leaveOneOut: looValues,
      agreeing: direction.agreeing,
      defined: direction.defined,
    });
    let maxShift: number | null = null;
    let mostInfluential: string | null = null;
    rmSummary.jackknife.influence.forEach((d, i) => {
      if (d !== null && (maxShift === null || Math.abs(d) > maxShift)) {
        maxShift = Math.abs(d);
        mostInfluential = subjects[i];
      }
    });
    const signSurvives =
      estimate === null || estimate === 0 ? null : looValues.every((v) => v !== null && Math.sign(v) === Math.sign(estimate));
    return {
      feature: feature.name,
      score: biomarkerScore(components),
      components,
      rmcorr: {
        estimate,
        n: rmTests[j].n,
        pValue: rmTests[j].pValue,
        pValueMethod: rmTests[j].pValueMethod,
        qValue: rmQ[j],
        percentile: rmSummary.intervals.percentile,
        bca: rmSummary.intervals.bca,
        flags: rmSummary.reliability.percentile.flags,
        reliable: rmSummary.reliability.percentile.reliable,
        bcaFlags: rmSummary.reliability.bca.flags,
        bcaReliable: rmSummary.reliability.bca.reliable,
      },
      change: {
        estimate: changeSummary.estimate,
        n: changeTests[j].n,
        pValue: changeTests[j].pValue,
        pValueMethod: changeTests[j].pValueMethod,
        qValue: changeQ.qValues[j],
        percentile: changeSummary.intervals.percentile,
        bca: changeSummary.intervals.bca,
        flags: changeSummary.reliability.percentile.flags,
        reliable: changeSummary.reliability.percentile.reliable,
        bcaFlags: changeSummary.reliability.bca.flags,
        bcaReliable: changeSummary.reliability.bca.reliable,
      },
      stability: stability[j],
      leaveOneOut: { signSurvives, maxShift, mostInfluential, values: looValues },
      direction: { agreeing: direction.agreeing, defined: direction.defined, perSubject: direction.perSubject },
    };
  });
  // Rank by score, then |rmcorr|, then feature id: a total, deterministic order.
  const ranked = scored
    .map((s, j) => ({ s, j }))
    .sort((a, b) => b.s.score - a.s.score || Math.abs(b.s.rmcorr.estimate ?? 0) - Math.abs(a.s.rmcorr.estimate ?? 0) || (a.s.feature < b.s.feature ? -1 : 1))
    .map(({ s }, k) => ({ rank: k + 1, ...s }));
  return {
    outcome: data.outcome,
    landmark: data.landmark,
    excluded: data.excluded,
    subjects,
    exact: rm.exact,
    replicates: rm.replicates,
    seed: rm.seed,
    conf,
    topK,
    fdrMethod: { rmcorr: "BH", change: changeQ.method },
    features: ranked,
  };
}
