import * as correlation from "@biomarker/correlation";
import { defaultPlan, reportBiomarkerScores, validatePlan, type AnalysisPlan, type BiomarkerRow, type ReportStudy } from "@biomarker/report";
import { simulateCohort } from "@biomarker/schema";
import { fromSchemaStudy } from "@biomarker/report";
import { secondCohort, SECOND_OUTCOME } from "./secondCohort.js";
import { visitAdjustedSlope } from "./visitAdjusted.js";

export type Generator = "simulateCohort" | "second generator";
export const RANKING_METHODS = ["score", "|rho| (rmcorr)", "BH-significant rmcorr (q < 0.05), by q", "within-subject p"] as const;
export type RankingMethod = (typeof RANKING_METHODS)[number];

export interface Truth {
  tracks: boolean;
  direction: -1 | 0 | 1;
}

export interface CohortPrecision {
  generator: Generator;
  seed: number;
  candidates: number;
  trueCandidates: number;
  excluded: string[];
  /** Precision of the first 5 / 10 (a hit: a feature that tracks the outcome, with the estimate's sign right). */
  precision: Record<RankingMethod, { at5: number | null; at10: number | null; selected: number }>;
}

/** The plan of the second generator: the default plan's settings (censoring, landmark, baseline, bootstrap), its own features. */
export function secondPlan(): AnalysisPlan {
  const base = defaultPlan();
  return validatePlan(
    {
      ...base,
      featureGroups: [{ name: "second generator", features: ["g2_*"], transform: "log10", formula: "value ~ visit + (1 | subject)" }],
      clinical: { features: [SECOND_OUTCOME] },
      outcomes: [{ feature: SECOND_OUTCOME, label: "activity index" }],
      reconstitution: { ...base.reconstitution, feature: SECOND_OUTCOME, naiveFeatures: [], memoryFeatures: [] },
    },
    "(second generator plan)",
  );
}

type WithinFunction = (subject: string[], visit: string[], x: (number | null)[], y: (number | null)[]) => { estimate: number | null; pValue: number | null };
/** The within-subject comparator: @biomarker/correlation's withinSubjectAssociation when it exists, else the two-way fixed-effects stand-in. */
export const withinComparator: { name: string; fn: WithinFunction } = (() => {
  const candidate = (correlation as Record<string, unknown>).withinSubjectAssociation;
  if (typeof candidate === "function") {
    return { name: "withinSubjectAssociation (visit-adjusted within-between LMM, Satterthwaite)", fn: candidate as WithinFunction };
  }
  return { name: "two-way fixed effects (subject + visit) OLS slope t-test (stand-in)", fn: visitAdjustedSlope };
})();

/** log10 of the value, or of half the LLOQ when censored (the default plan's rule for linear methods). */
function linearLog10(m: ReportStudy["measurements"][number]): number | null {
  if (m.censored) return m.limit === null ? null : Math.log10(m.limit / 2);
  return m.value === null || !(m.value > 0) ? null : Math.log10(m.value);
}

function withinPValues(study: ReportStudy, outcome: string, features: readonly string[]): Map<string, { estimate: number | null; pValue: number | null }> {
  const key = (s: string, v: string) => `${s}\u0000${v}`;
  const y = new Map<string, number | null>();
  for (const m of study.measurements) if (m.feature === outcome) y.set(key(m.subject, m.visit), m.value);
  const rows = [...y.keys()].map((k) => k.split("\u0000"));
  const out = new Map<string, { estimate: number | null; pValue: number | null }>();
  for (const feature of features) {
    const x = new Map<string, number | null>();
    for (const m of study.measurements) if (m.feature === feature) x.set(key(m.subject, m.visit), linearLog10(m));
    const result = withinComparator.fn(
      rows.map((r) => r[0]),
      rows.map((r) => r[1]),
      rows.map((r) => x.get(key(r[0], r[1])) ?? null),
      rows.map((r) => y.get(key(r[0], r[1])) ?? null),
    );
    out.set(feature, { estimate: result.estimate, pValue: result.pValue });
  }
  return out;
}

function precisionAt(ranked: readonly { feature: string; sign: number }[], truth: ReadonlyMap<string, Truth>, k: number): number | null {
  const top = ranked.slice(0, k);
  if (top.length === 0) return null;
  return top.filter((r) => truth.get(r.feature)?.tracks && truth.get(r.feature)?.direction === r.sign).length / top.length;
}

/** Scores one cohort exactly as the report does and measures every ranking's signed precision. */
export function cohortPrecision(generator: Generator, seed: number): CohortPrecision {
  let study: ReportStudy;
  let plan: AnalysisPlan;
  const truth = new Map<string, Truth>();
  if (generator === "simulateCohort") {
    const cohort = simulateCohort({ seed });
    study = fromSchemaStudy(cohort.study, []);
    plan = defaultPlan();
    for (const f of cohort.groundTruth.features) truth.set(f.feature, { tracks: f.tracksActivity, direction: f.direction });
  } else {
    const cohort = secondCohort(seed);
    study = cohort.study;
    plan = secondPlan();
    for (const t of cohort.truth) truth.set(t.feature, t);
  }
  plan = validatePlan({ ...plan, seed }, "(validation seed)");
  const section = reportBiomarkerScores(study, plan);
  const rows: BiomarkerRow[] = section.rows;
  const sign = (v: number | null) => (v === null ? 0 : Math.sign(v));
  const byScore = rows.map((r) => ({ feature: r.feature, sign: sign(r.estimate) }));
  const magnitude = (r: BiomarkerRow) => Math.abs(r.estimate ?? 0);
  const byRho = [...rows].sort((a, b) => magnitude(b) - magnitude(a) || (a.feature < b.feature ? -1 : 1)).map((r) => ({ feature: r.feature, sign: sign(r.estimate) }));
  const significant = rows
    .filter((r) => r.qValue !== null && r.qValue < 0.05)
    .sort((a, b) => (a.qValue as number) - (b.qValue as number) || magnitude(b) - magnitude(a))
    .map((r) => ({ feature: r.feature, sign: sign(r.estimate) }));
  const within = withinPValues(study, section.outcome, rows.map((r) => r.feature));
  const byWithin = rows
    .map((r) => ({ feature: r.feature, ...(within.get(r.feature) as { estimate: number | null; pValue: number | null }) }))
    .sort((a, b) => (a.pValue ?? 2) - (b.pValue ?? 2) || (a.feature < b.feature ? -1 : 1))
    .map((r) => ({ feature: r.feature, sign: sign(r.estimate) }));
  const entry = (ranked: { feature: string; sign: number }[]) => ({ at5: precisionAt(ranked, truth, 5), at10: precisionAt(ranked, truth, 10), selected: ranked.length });
  return {
    generator,
    seed,
    candidates: rows.length,
    trueCandidates: rows.filter((r) => truth.get(r.feature)?.tracks).length,
    excluded: section.excluded,
    precision: {
      score: entry(byScore),
      "|rho| (rmcorr)": entry(byRho),
      "BH-significant rmcorr (q < 0.05), by q": entry(significant),
      "within-subject p": entry(byWithin),
    },
  };
}

export interface ValidationRow {
  method: RankingMethod;
  precisionAt5: number;
  /** SE over cohorts (sd / sqrt(cohorts)). */
  se5: number;
  precisionAt10: number;
  se10: number;
  cohorts: number;
  meanSelected: number;
}

export function validationTable(results: readonly CohortPrecision[]): ValidationRow[] {
  const mean = (v: number[]) => (v.length === 0 ? Number.NaN : v.reduce((a, b) => a + b, 0) / v.length);
  const se = (v: number[]) => {
    const m = mean(v);
    return v.length < 2 ? Number.NaN : Math.sqrt(v.reduce((a, x) => a + (x - m) ** 2, 0) / (v.length - 1) / v.length);
  };
  return RANKING_METHODS.map((method) => {
    const at5 = results.map((r) => r.precision[method].at5).filter((v): v is number => v !== null);
    const at10 = results.map((r) => r.precision[method].at10).filter((v): v is number => v !== null);
    return {
      method,
      precisionAt5: mean(at5),
      se5: se(at5),
      precisionAt10: mean(at10),
      se10: se(at10),
      cohorts: at5.length,
      meanSelected: mean(results.map((r) => r.precision[method].selected)),
    };
  });
}
