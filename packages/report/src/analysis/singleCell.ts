import { singleCellClr } from "@biomarker/schema";
import type { SingleCellSection } from "../results.js";
import type { ReportStudy } from "../study/model.js";
import { compareText, matchesPattern } from "../study/select.js";

/** Pseudocount added to every count before the log ratio, so a cell type absent from a sample stays finite. */
export const clrPseudocount = 0.5;

/**
 * Section 7: cell-type compositions per single-cell sample and their centred log-ratio
 * (Aitchison 1986; @biomarker/schema's singleCellClr): clr(x)_i = log(x_i + c) - mean_j log(x_j + c),
 * c = clrPseudocount; the change of each cell type's clr from a subject's first to last sample.
 */
export function analyseSingleCell(study: ReportStudy, patterns: readonly string[]): SingleCellSection {
  const counts = study.singleCell.filter((c) => patterns.some((p) => matchesPattern(c.cellType, p)));
  if (counts.length === 0) return { pending: ["The study has no single-cell counts matching singleCell.cellTypes."], compositions: [], clrChanges: [] };
  const clr = singleCellClr(counts, clrPseudocount).sort(
    (a, b) => compareText(a.subject, b.subject) || a.day - b.day || compareText(a.cellType, b.cellType),
  );
  const compositions = clr.map((c) => ({ subject: c.subject, visit: c.visit, day: c.day, cellType: c.cellType, count: c.count, proportion: c.proportion }));
  const clrChanges: SingleCellSection["clrChanges"] = [];
  for (const subject of [...new Set(clr.map((c) => c.subject))]) {
    const own = clr.filter((c) => c.subject === subject);
    const first = own[0];
    const last = own[own.length - 1];
    if (first.visit === last.visit) continue;
    for (const a of own.filter((c) => c.visit === first.visit)) {
      const b = own.find((c) => c.visit === last.visit && c.cellType === a.cellType);
      if (b) clrChanges.push({ subject, from: a.visit, to: b.visit, cellType: a.cellType, clrFrom: a.clr, clrTo: b.clr, change: b.clr - a.clr });
    }
  }
  return { pending: [], compositions, clrChanges };
}
