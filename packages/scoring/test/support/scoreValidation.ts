import { simulateCohort } from "@biomarker/schema";
import { scoreBiomarkers, type ScoredFeature } from "../../src/index.js";

/** The clinical scores derived from the SLEDAI-2K form: outcomes, never candidate biomarkers. */
const CLINICAL_SCORES = ["sledai2k", "clinical_sledai", "pga", "prednisone"];

export type RankingMethod = "score" | "|rho|" | "BH-significant" | "|rho| x coverage" | "score without coverage";

/** The three comparisons the issue asks for, then two ablations of the score (bench only). */
export const RANKING_METHODS: readonly RankingMethod[] = ["score", "|rho|", "BH-significant", "|rho| x coverage", "score without coverage"];

export interface CohortPrecision {
  seed: number;
  /** Candidate features that truly track disease activity (ground truth). */
  trueFeatures: number;
  candidates: number;
  precision: Record<RankingMethod, { at5: number | null; at10: number | null; selected: number }>;
}

/** Share of `ranked` (first k) that truly track activity; null when nothing is selected. */
function precisionAt(ranked: readonly string[], truth: ReadonlySet<string>, k: number): number | null {
  const top = ranked.slice(0, k);
  return top.length === 0 ? null : top.filter((f) => truth.has(f)).length / top.length;
}

/**
 * Simulates one cohort (schema's simulateCohort, ground truth = features whose mean tracks the latent
 * disease activity), scores every candidate against SLEDAI-2K and measures precision of the top 5 / 10
 * for three rankings: the score, |rmcorr| alone, and the BH-significant features (q < 0.05) by q; plus
 * two ablations of the score (|rmcorr| x coverage, and the score without its coverage factor).
 */
export function cohortPrecision(seed: number, features = 40): CohortPrecision {
  const cohort = simulateCohort({ seed, features });
  const truth = new Set(cohort.groundTruth.features.filter((f) => f.tracksActivity).map((f) => f.feature));
  const candidates = cohort.groundTruth.features.map((f) => f.feature).filter((f) => !CLINICAL_SCORES.includes(f));
  const result = scoreBiomarkers(cohort.study.measurements, { outcome: "sledai2k", landmark: "D28", features: candidates, seed });
  const byScore = result.features.map((f) => f.feature);
  const magnitude = (f: ScoredFeature): number => Math.abs(f.rmcorr.estimate ?? 0);
  const byRho = [...result.features].sort((a, b) => magnitude(b) - magnitude(a) || (a.feature < b.feature ? -1 : 1)).map((f) => f.feature);
  const significant = result.features
    .filter((f) => f.rmcorr.qValue !== null && f.rmcorr.qValue < 0.05)
    .sort((a, b) => (a.rmcorr.qValue as number) - (b.rmcorr.qValue as number) || magnitude(b) - magnitude(a))
    .map((f) => f.feature);
  const byKey = (key: (f: ScoredFeature) => number): string[] =>
    [...result.features].sort((a, b) => key(b) - key(a) || (a.feature < b.feature ? -1 : 1)).map((f) => f.feature);
  const byRhoCoverage = byKey((f) => f.components.strength * f.components.coverage);
  const byScoreWithoutCoverage = byKey((f) => (f.components.coverage > 0 ? f.score / f.components.coverage : 0));
  const candidateTruth = new Set(candidates.filter((f) => truth.has(f)));
  const entry = (ranked: string[], selected: number) => ({
    at5: precisionAt(ranked, candidateTruth, 5),
    at10: precisionAt(ranked, candidateTruth, 10),
    selected,
  });
  return {
    seed,
    trueFeatures: candidateTruth.size,
    candidates: candidates.length,
    precision: {
      score: entry(byScore, byScore.length),
      "|rho|": entry(byRho, byRho.length),
      "BH-significant": entry(significant, significant.length),
      "|rho| x coverage": entry(byRhoCoverage, byRhoCoverage.length),
      "score without coverage": entry(byScoreWithoutCoverage, byScoreWithoutCoverage.length),
    },
  };
}

export interface ValidationRow {
  method: RankingMethod;
  /** Mean precision over the cohorts where the method selected anything. */
  precisionAt5: number;
  precisionAt10: number;
  /** Cohorts contributing (BH may select nothing). */
  cohorts: number;
  meanSelected: number;
}

export function validationTable(results: readonly CohortPrecision[]): ValidationRow[] {
  return RANKING_METHODS.map((method) => {
    const at5 = results.map((r) => r.precision[method].at5).filter((v): v is number => v !== null);
    const at10 = results.map((r) => r.precision[method].at10).filter((v): v is number => v !== null);
    const mean = (v: number[]): number => (v.length === 0 ? Number.NaN : v.reduce((a, b) => a + b, 0) / v.length);
    return {
      method,
      precisionAt5: mean(at5),
      precisionAt10: mean(at10),
      cohorts: at5.length,
      meanSelected: mean(results.map((r) => r.precision[method].selected)),
    };
  });
}
