import { fitGlmm } from "@biomarker/glmm";
import { denominatorDf, fitLmm } from "@biomarker/lmm";
import { pAdjust } from "@biomarker/multiple-testing";
import { singleCellClr } from "@biomarker/schema";
import type { SingleCellSection } from "../results.js";
import type { ReportStudy } from "../study/model.js";
import { compareText, matchesPattern } from "../study/select.js";

/** Pseudocount added to every count before the log ratio, so a cell type absent from a sample stays finite. */
export const clrPseudocount = 0.5;
/** Pseudocounts of the sensitivity table: the CLR of a small count moves with this choice. */
export const clrSensitivityPseudocounts = [0.01, 0.5, 1] as const;

/**
 * Section 7: cell-type compositions per single-cell sample.
 *
 * - Structural zeros: a cell type with count 0 in every sample of a visit (a lineage depleted by the drug)
 *   is reported as structurally zero there. Such types are not compositional parts at that visit: they are
 *   left out of the renormalised composition and of the centred log-ratio, whose pseudocount would
 *   otherwise turn "absent" into a large negative value and shift every other type up.
 * - Centred log-ratio (Aitchison 1986) of the renormalised composition, clr(x)_i = log(x_i + c) -
 *   mean_j log(x_j + c), c = clrPseudocount, with the change from each subject's first to last sample,
 *   and its sensitivity to c.
 * - Composition test per cell type: a binomial GLMM of its count out of the sample's total,
 *   cbind(count, total - count) ~ visit + (1 | subject) + (1 | sample) (the sample-level effect absorbs
 *   overdispersion), Laplace as lme4::glmer; the change from the first visit is the visit coefficient
 *   (log odds ratio) with a Wald z test; p-values adjusted by Benjamini-Hochberg over all cell types and
 *   visits. Visits where the type is structurally zero are left out of its model.
 * - For comparison, propeller's approach (Phipson et al. 2022) in mixed-model form: a linear mixed model of
 *   the empirical logit log((count + 0.5) / (total - count + 0.5)) ~ visit + (1 | subject), REML,
 *   Satterthwaite df; BH-adjusted as its own family.
 */
export function analyseSingleCell(study: ReportStudy, patterns: readonly string[]): SingleCellSection {
  const counts = study.singleCell.filter((c) => patterns.some((p) => matchesPattern(c.cellType, p)));
  if (counts.length === 0) {
    return { pending: ["The study has no single-cell counts matching singleCell.cellTypes."], pseudocount: clrPseudocount, compositions: [], structuralZeros: [], clrChanges: [], clrSensitivity: [], tests: [], logitTests: [] };
  }
  const all = singleCellClr(counts, clrPseudocount).sort(
    (a, b) => compareText(a.subject, b.subject) || a.day - b.day || compareText(a.cellType, b.cellType),
  );
  const compositions = all.map((c) => ({ subject: c.subject, visit: c.visit, day: c.day, cellType: c.cellType, count: c.count, proportion: c.proportion }));

  // Structural zeros: every sample of the visit has count 0.
  const visits = [...new Map(all.map((c) => [c.visit, c.day])).entries()].sort((a, b) => a[1] - b[1]).map(([v]) => v);
  const cellTypes = [...new Set(all.map((c) => c.cellType))].sort(compareText);
  const structuralZeros: SingleCellSection["structuralZeros"] = [];
  for (const visit of visits) {
    for (const cellType of cellTypes) {
      const at = all.filter((c) => c.visit === visit && c.cellType === cellType);
      if (at.length > 0 && at.every((c) => c.count === 0)) structuralZeros.push({ cellType, visit, samples: at.length });
    }
  }
  const excluded = new Set(structuralZeros.map((z) => z.cellType));
  const kept = counts.filter((c) => !excluded.has(c.cellType));

  // CLR of the renormalised composition, its change per subject and its pseudocount sensitivity.
  const clrChanges: SingleCellSection["clrChanges"] = [];
  const clrSensitivity: SingleCellSection["clrSensitivity"] = [];
  const changesAt = (c: number) => {
    const clr = singleCellClr(kept, c).sort((a, b) => compareText(a.subject, b.subject) || a.day - b.day || compareText(a.cellType, b.cellType));
    const out: { subject: string; from: string; to: string; cellType: string; clrFrom: number; clrTo: number; change: number }[] = [];
    for (const subject of [...new Set(clr.map((x) => x.subject))]) {
      const own = clr.filter((x) => x.subject === subject);
      const first = own[0];
      const last = own[own.length - 1];
      if (first.visit === last.visit) continue;
      for (const a of own.filter((x) => x.visit === first.visit)) {
        const b = own.find((x) => x.visit === last.visit && x.cellType === a.cellType);
        if (b) out.push({ subject, from: a.visit, to: b.visit, cellType: a.cellType, clrFrom: a.clr, clrTo: b.clr, change: b.clr - a.clr });
      }
    }
    return out;
  };
  if (kept.length > 0) {
    clrChanges.push(...changesAt(clrPseudocount));
    const byPseudocount = clrSensitivityPseudocounts.map((c) => changesAt(c));
    clrChanges.forEach((row, i) =>
      clrSensitivity.push({ subject: row.subject, cellType: row.cellType, changes: byPseudocount.map((rows, k) => ({ pseudocount: clrSensitivityPseudocounts[k], change: rows[i].change })) }));
  }

  // Binomial GLMM per cell type.
  const totals = new Map<string, number>();
  for (const c of all) totals.set(`${c.subject}\u0000${c.visit}`, (totals.get(`${c.subject}\u0000${c.visit}`) ?? 0) + c.count);
  const tests: SingleCellSection["tests"] = [];
  const logitTests: SingleCellSection["logitTests"] = [];
  const pending: string[] = [];
  for (const cellType of cellTypes) {
    const zeroVisits = new Set(structuralZeros.filter((z) => z.cellType === cellType).map((z) => z.visit));
    const rows = all.filter((c) => c.cellType === cellType && !zeroVisits.has(c.visit));
    const used = visits.filter((v) => rows.some((r) => r.visit === v));
    if (used.length < 2) continue;
    const data = {
      k: rows.map((r) => r.count),
      total: rows.map((r) => totals.get(`${r.subject}\u0000${r.visit}`) as number),
      visit: rows.map((r) => r.visit),
      subject: rows.map((r) => r.subject),
      sample: rows.map((r) => `${r.subject}:${r.visit}`),
    };
    try {
      const fit = fitGlmm(data, "cbind(k, total - k) ~ visit + (1 | subject) + (1 | sample)", { family: "binomial", levels: { visit: used } });
      for (const f of fit.fixedEffects.filter((e) => e.term.startsWith("visit"))) {
        tests.push({
          cellType,
          visit: f.term.slice("visit".length),
          reference: used[0],
          logOddsRatio: f.estimate,
          stdError: f.stdError,
          z: f.statistic,
          pValue: f.pValue,
          pAdjusted: null,
          singular: fit.singular,
        });
      }
    } catch (error) {
      pending.push(`Composition GLMM for ${cellType} not fitted: ${(error as Error).message}`);
    }
    try {
      const logit = { ...data, y: data.k.map((k, i) => Math.log((k + 0.5) / (data.total[i] - k + 0.5))) };
      const fit = fitLmm(logit, "y ~ visit + (1 | subject)", { levels: { visit: used }, denominatorDf: denominatorDf("satterthwaite") });
      for (const f of fit.fixedEffects.filter((e) => e.term.startsWith("visit"))) {
        logitTests.push({
          cellType,
          visit: f.term.slice("visit".length),
          reference: used[0],
          estimate: f.estimate,
          stdError: f.stdError,
          df: f.df,
          pValue: f.pValue,
          pAdjusted: null,
          singular: fit.singular,
        });
      }
    } catch (error) {
      pending.push(`Logit-proportion LMM for ${cellType} not fitted: ${(error as Error).message}`);
    }
  }
  const adjusted = pAdjust(tests.map((t) => t.pValue), "BH");
  tests.forEach((t, i) => (t.pAdjusted = adjusted[i]));
  const adjustedLogit = pAdjust(logitTests.map((t) => t.pValue), "BH");
  logitTests.forEach((t, i) => (t.pAdjusted = t.pValue === null ? null : adjustedLogit[i]));
  return { pending, pseudocount: clrPseudocount, compositions, structuralZeros, clrChanges, clrSensitivity, tests, logitTests };
}
