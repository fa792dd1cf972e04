import { type DataColumns, type StructuredLmmFit, clusterRobust, fitLmm } from "@biomarker/lmm";
import { studentTQuantile } from "@biomarker/numerics";
import type { AnalysisPlan } from "../plan/schema.js";
import type { CovarianceSensitivity, FeatureDynamics, StructureContrast } from "../results.js";
import type { StudyMeasurement } from "../study/model.js";
import { type Transform, linearValue } from "./values.js";

/**
 * Covariance-structure sensitivity of the visit-factor model (nlme's residual structures, @biomarker/lmm):
 * the group's model with a random intercept alone assumes compound symmetry and one residual SD at every
 * visit; + corCAR1(~ day | subject) lets the residuals of close visits correlate more than distant ones
 * (continuous-time AR(1) on the study day), + varIdent(~ 1 | visit) gives every visit its own residual SD.
 * Each is fitted by REML; AIC compares them (same fixed effects, so REML AICs are comparable). The key
 * contrasts (landmark and last visit vs baseline) are reported under each with Satterthwaite df, and under
 * the CR2 cluster-robust covariance (Pustejovsky-Tipton df) of the random-intercept fit.
 */
export const structures = {
  "random-intercept": {},
  corCAR1: { correlation: "corCAR1(~ day | subject)" },
  varIdent: { weights: "varIdent(~ 1 | visit)" },
} as const;

export type StructureName = keyof typeof structures;

/** The columns the report's models use, for one feature (censored values per the plan). */
function modelData(measurements: readonly StudyMeasurement[], transform: Transform, plan: AnalysisPlan): { used: StudyMeasurement[]; data: DataColumns } {
  const used = measurements.filter((m) => linearValue(m, transform, plan.censoring.linearMethods) !== null);
  return {
    used,
    data: {
      value: used.map((m) => linearValue(m, transform, plan.censoring.linearMethods)),
      visit: used.map((m) => m.visit),
      day: used.map((m) => m.day),
      subject: used.map((m) => m.subject),
    },
  };
}

/** The visit factor is the only fixed term (the plan check requires it for a structured primary model). */
export function visitOnlyFormula(formula: string): boolean {
  return /^\s*value\s*~\s*visit\s*\+\s*\(\s*1\s*\|\s*subject\s*\)\s*$/.test(formula);
}

function fitStructure(data: DataColumns, formula: string, levels: string[], structure: StructureName): StructuredLmmFit {
  return fitLmm(data, formula, { ...structures[structure], levels: { visit: levels }, ddf: "satterthwaite" });
}

function visitLevels(used: readonly StudyMeasurement[], plan: AnalysisPlan, visits: readonly { visit: string }[]): string[] | null {
  const present = new Set(used.map((m) => m.visit));
  const baseline = plan.visits.baseline;
  if (!present.has(baseline)) return null;
  return [baseline, ...visits.map((v) => v.visit).filter((v) => v !== baseline && present.has(v))];
}

/** Contrast "visit V - baseline" = the coefficient visitV of a treatment-coded visit-only model. */
function coefficientContrast(fit: { fixedEffects: StructuredLmmFit["fixedEffects"] }, visit: string, structure: StructureContrast["structure"]): StructureContrast | null {
  const f = fit.fixedEffects.find((e) => e.term === `visit${visit}`);
  return f ? { visit, structure, estimate: f.estimate, stdError: f.stdError, df: f.df, pValue: f.pValue } : null;
}

export function analyseCovarianceSensitivity(
  features: readonly { dynamics: FeatureDynamics; measurements: readonly StudyMeasurement[]; formula: string }[],
  plan: AnalysisPlan,
  visits: readonly { visit: string; day: number }[],
): CovarianceSensitivity {
  const lastVisit = visits.at(-1)?.visit ?? plan.visits.landmark;
  const keyVisits = [...new Set([plan.visits.landmark, lastVisit])].filter((v) => v !== plan.visits.baseline);
  const rows: CovarianceSensitivity["features"] = [];
  for (const { dynamics, measurements, formula } of features) {
    const base = { feature: dynamics.feature, group: dynamics.group };
    if (!visitOnlyFormula(formula)) {
      rows.push({ ...base, aic: [], preferred: null, contrasts: [], note: "Not assessed: the group's model is not value ~ visit + (1 | subject)." });
      continue;
    }
    const { used, data } = modelData(measurements, dynamics.transform, plan);
    const levels = visitLevels(used, plan, visits);
    if (!levels) {
      rows.push({ ...base, aic: [], preferred: null, contrasts: [], note: `Not assessed: no usable value at the baseline visit ${plan.visits.baseline}.` });
      continue;
    }
    const aic: CovarianceSensitivity["features"][number]["aic"] = [];
    const contrasts: StructureContrast[] = [];
    const notes: string[] = [];
    let randomIntercept: StructuredLmmFit | null = null;
    for (const structure of Object.keys(structures) as StructureName[]) {
      try {
        const fit = fitStructure(data, formula, levels, structure);
        if (structure === "random-intercept") randomIntercept = fit;
        // A fit without a valid optimum (typically a visit SD running to 0) has no meaningful AIC.
        aic.push({ structure, aic: fit.converged ? fit.aic : null, converged: fit.converged });
        if (!fit.converged) {
          notes.push(`${structure}: no valid optimum (degenerate structure or no convergence); not compared, contrasts not shown.`);
          continue;
        }
        for (const v of keyVisits) {
          const c = coefficientContrast(fit, v, structure);
          if (c) contrasts.push(c);
        }
      } catch (error) {
        aic.push({ structure, aic: null, converged: false });
        notes.push(`${structure}: ${(error as Error).message}`);
      }
    }
    if (randomIntercept) {
      try {
        const robust = clusterRobust(randomIntercept, { ddf: "satterthwaite" });
        for (const v of keyVisits) {
          const c = coefficientContrast(robust, v, "CR2");
          if (c) contrasts.push(c);
        }
      } catch (error) {
        notes.push(`CR2: ${(error as Error).message}`);
      }
    }
    const fitted = aic.filter((a) => a.aic !== null && a.converged) as { structure: StructureName; aic: number }[];
    const preferred = fitted.length === 0 ? null : fitted.reduce((a, b) => (b.aic < a.aic ? b : a)).structure;
    rows.push({ ...base, aic, preferred, contrasts, note: notes.length > 0 ? notes.join(" ") : null });
  }
  return { primary: plan.lmm.covariance, keyVisits, features: rows };
}

/**
 * The main model of a feature under a structured primary covariance (plan key lmm.covariance): the
 * visit-only model with that structure (or the lowest-AIC one), its per-visit means (intercept + visit
 * coefficient) and changes from baseline (the visit coefficients) with Satterthwaite df and t intervals.
 */
export function fitFeatureStructured(
  measurements: readonly StudyMeasurement[],
  transform: Transform,
  formula: string,
  plan: AnalysisPlan,
  visits: readonly { visit: string; day: number }[],
): { fit: FeatureDynamics["fit"]; note: string | null } {
  const { used, data } = modelData(measurements, transform, plan);
  const levels = visitLevels(used, plan, visits);
  if (!levels) return { fit: null, note: `No model: no usable value at the baseline visit ${plan.visits.baseline}.` };
  const candidates: StructureName[] = plan.lmm.covariance === "lowest-aic" ? ["random-intercept", "corCAR1", "varIdent"] : [plan.lmm.covariance];
  let best: { fit: StructuredLmmFit; structure: StructureName } | null = null;
  const failures: string[] = [];
  for (const structure of candidates) {
    try {
      const fit = fitStructure(data, formula, levels, structure);
      if (!best || (fit.converged && fit.aic < best.fit.aic)) best = { fit, structure };
    } catch (error) {
      failures.push(`${structure}: ${(error as Error).message}`);
    }
  }
  if (!best) return { fit: null, note: `No model: ${failures.join(" ")}` };
  const { fit, structure } = best;
  const dayOf = new Map(visits.map((v) => [v.visit, v.day]));
  const t = (df: number | null) => studentTQuantile(1 - (1 - plan.lmm.confLevel) / 2, df ?? Infinity);
  const means = levels.map((visit, k) => {
    // mean of visit k = intercept + coefficient k (k > 0): l = e_0 + e_k.
    let estimate = fit.fixedEffects[0].estimate;
    let variance = fit.vcov[0][0];
    if (k > 0) {
      estimate += fit.fixedEffects[k].estimate;
      variance += fit.vcov[k][k] + 2 * fit.vcov[0][k];
    }
    const half = t(fit.fixedEffects[0].df) * Math.sqrt(variance);
    return { visit, day: dayOf.get(visit) ?? 0, estimate, lower: estimate - half, upper: estimate + half };
  });
  const contrasts = levels.slice(1).map((visit, k) => {
    const f = fit.fixedEffects[k + 1];
    const half = f.df === null ? null : t(f.df) * f.stdError;
    return { visit, estimate: f.estimate, stdError: f.stdError, df: f.df, lower: half === null ? null : f.estimate - half, upper: half === null ? null : f.estimate + half, pValue: f.pValue, pAdjusted: null };
  });
  const notes = [`Residual structure: ${structure}${plan.lmm.covariance === "lowest-aic" ? " (lowest AIC)" : ""}; Satterthwaite df.`, ...failures];
  return {
    fit: { formula: fit.formula, nObs: fit.nObs, converged: fit.converged, singular: fit.singular, warnings: fit.warnings, means, contrasts },
    note: notes.join(" "),
  };
}
