import type { Results } from "../results.js";

export type Cell = string | number | boolean | null;

/** A table of the report: shown in HTML and Markdown, and written as tables/<id>.csv. */
export interface Table {
  id: string;
  title: string;
  columns: string[];
  rows: Cell[][];
}

/** Every table of the report, per section, in reading order. */
export function reportTables(r: Results): Record<"cohort" | "clinical" | "dynamics" | "reconstitution" | "associations" | "biomarkers" | "singleCell" | "methods", Table[]> {
  const dynamicsContrasts: Cell[][] = [];
  for (const f of r.immuneDynamics.features) {
    for (const c of f.fit?.contrasts ?? []) {
      dynamicsContrasts.push([f.feature, c.visit, c.estimate, c.stdError, c.df, c.lower, c.upper, c.pValue, c.pAdjusted]);
    }
  }
  return {
    cohort: [
      {
        id: "cohort-subjects",
        title: "Subjects",
        columns: ["subject", "sex", "age (years)", "samples", "missed visits"],
        rows: r.cohort.subjects.map((s) => [s.id, s.sex, s.ageYears, s.samples, s.missedVisits.join(" ")]),
      },
      {
        id: "cohort-samples-per-visit",
        title: "Samples per visit",
        columns: ["visit", "day", "samples", "excluded"],
        rows: r.cohort.samplesPerVisit.map((v) => [v.visit, v.day, v.samples, v.excluded]),
      },
      {
        id: "cohort-exclusions",
        title: "QC exclusions",
        columns: ["subject", "visit", "day", "reason"],
        rows: r.cohort.exclusions.map((e) => [e.subject, e.visit, e.day, e.reason]),
      },
      {
        id: "cohort-below-lloq",
        title: "Features with values below the LLOQ",
        columns: ["feature", "unit", "LLOQ", "below LLOQ", "measured"],
        rows: r.cohort.belowLloq.map((b) => [b.feature, b.unit, b.lloq, b.censored, b.measured]),
      },
    ],
    clinical: r.clinicalCourse.status === null ? [] : [
      {
        id: "clinical-status",
        title: "SLEDAI-2K, DORIS remission and LLDAS per visit",
        columns: ["subject", "visit", "day", "SLEDAI-2K", "remission", "LLDAS"],
        rows: r.clinicalCourse.status.map((s) => [s.subject, s.visit, s.day, s.sledai2k, s.remission, s.lldas]),
      },
    ],
    dynamics: [
      {
        id: "dynamics-medians",
        title: "Median per visit (censored values ranked lowest; blank = median below the LLOQ)",
        columns: ["feature", "visit", "day", "n", "below LLOQ", "median"],
        rows: r.immuneDynamics.features.flatMap((f) => f.summary.map((s) => [f.feature, s.visit, s.day, s.n, s.censored, s.median])),
      },
      ...(r.immuneDynamics.features.some((f) => f.fit?.byGroup) ? [{
        id: "dynamics-change-by-group",
        title: "Change from baseline per visit within each group (LMM contrasts, transformed scale; descriptive, not adjusted)",
        columns: ["feature", "group", "visit", "estimate", "SE", "df", "lower", "upper", "p"],
        rows: r.immuneDynamics.features.flatMap((f) => (f.fit?.byGroup ?? []).flatMap((g) => g.contrasts.map((c) => [f.feature, `${g.factor} = ${g.level}`, c.visit, c.estimate, c.stdError, c.df, c.lower, c.upper, c.pValue]))),
      }] : []),
      ...(dynamicsContrasts.length === 0 ? [] : [{
        id: "dynamics-change-from-baseline",
        title: "Change from baseline per visit (LMM contrasts, transformed scale)",
        columns: ["feature", "visit", "estimate", "SE", "df", "lower", "upper", "p", "p adjusted"],
        rows: dynamicsContrasts,
      }]),
    ],
    reconstitution: r.reconstitution === null ? [] : [
      {
        id: "reconstitution-subjects",
        title: "Depletion and reconstitution per subject",
        columns: ["subject", "baseline", "depleted (day)", "reconstituted (day)", "last day", "naive", "memory", "naive share"],
        rows: r.reconstitution.subjects.map((s) => [s.subject, s.baseline, s.depletionDay, s.reconstitutionDay, s.lastDay, s.naive, s.memory, s.naiveShare]),
      },
      ...(r.reconstitution.kaplanMeier === null ? [] : [{
        id: "reconstitution-kaplan-meier",
        title: "Kaplan-Meier estimate of the fraction not yet reconstituted",
        columns: ["day", "at risk", "events", "censored", "estimate", "lower", "upper"],
        rows: r.reconstitution.kaplanMeier.steps.map((s) => [s.time, s.atRisk, s.events, s.censored, s.survival, s.lower, s.upper]),
      }]),
    ],
    associations: [
      ...(r.associations.negativeControls.length === 0 ? [] : [{
        id: "negative-controls",
        title: "Negative controls (no association by design; in no multiplicity family)",
        columns: ["x", "y", "method", "n", "estimate", "SE", "lower", "upper", "df", "p", "p method", "note"],
        rows: r.associations.negativeControls.flatMap((c) => c.rows.map((a) => [c.x, c.y, a.method, a.n, a.estimate, a.stdError, a.lower, a.upper, a.df, a.pValue, a.pValueMethod, a.note])),
      }]),
      ...(r.associations.rows.length === 0 ? [] : [{
        id: "associations",
        title: "Feature-outcome associations",
        columns: ["feature", "outcome", "method", "n", "estimate", "SE", "lower", "upper", "df", "p", "p method", "p adjusted", "family", "note"],
        rows: r.associations.rows.map((a) => [a.feature, a.outcome, a.method, a.n, a.estimate, a.stdError, a.lower, a.upper, a.df, a.pValue, a.pValueMethod, a.pAdjusted, a.family, a.note]),
      }]),
    ],
    biomarkers: r.biomarkers.rows.length === 0 ? [] : [
      {
        id: "biomarker-scores",
        title: `Candidate biomarkers for ${r.biomarkers.outcome}, ranked by score`,
        columns: ["rank", "feature", "score", "rmcorr r", "lower", "upper", "interval", "p", "q", "change rho", "change p", "P*(sign kept)", "P*(top k)", "LOSO sign kept", "LOSO max shift", "most influential", "subjects agreeing", "strength", "coverage", "stability", "robustness", "consistency"],
        rows: r.biomarkers.rows.map((b) => [
          b.rank, b.feature, b.score, b.estimate, b.lower, b.upper,
          b.intervalMethod === null ? null : `${b.intervalMethod}${b.intervalReliable ? "" : " (unreliable)"}`,
          b.pValue, b.qValue, b.changeEstimate, b.changePValue, b.signKeeping, b.topK,
          b.leaveOneOutSignSurvives, b.leaveOneOutMaxShift, b.mostInfluentialSubject, `${b.subjectsAgreeing}/${b.subjectsDefined}`,
          b.strength, b.coverage, b.stability, b.robustness, b.consistency,
        ]),
      },
    ],
    singleCell: r.singleCell.compositions.length === 0 ? [] : [
      {
        id: "single-cell-clr-changes",
        title: "Centred log-ratio change per cell type",
        columns: ["subject", "from", "to", "cell type", "clr from", "clr to", "change"],
        rows: r.singleCell.clrChanges.map((c) => [c.subject, c.from, c.to, c.cellType, c.clrFrom, c.clrTo, c.change]),
      },
      {
        id: "single-cell-compositions",
        title: "Cell-type compositions",
        columns: ["subject", "visit", "day", "cell type", "count", "proportion"],
        rows: r.singleCell.compositions.map((c) => [c.subject, c.visit, c.day, c.cellType, c.count, c.proportion]),
      },
    ],
    methods: [
      {
        id: "multiplicity-families",
        title: "Multiplicity families (one per question)",
        columns: ["family", "question", "tests", "procedure", "m", "smallest attainable p", "smallest attainable adjusted p", "can reject", "rejected"],
        rows: r.multiplicity.families.map((f) => [f.name, f.question, f.tests.join(", "), f.procedure, f.m, f.smallestAttainable, f.smallestAttainableAdjusted, f.canReject ? "yes" : "no", f.numberRejected]),
      },
      {
        id: "provenance-input-files",
        title: "Input files",
        columns: ["file", "bytes", "SHA-256"],
        rows: r.methods.provenance.inputFiles.map((f) => [f.path, f.bytes, f.sha256]),
      },
    ],
  };
}
