import type { SingleCellSection } from "../results.js";
import type { ReportStudy } from "../study/model.js";
import { compareText, matchesPattern, sampleKey } from "../study/select.js";

/** Pseudocount added to every count before the log ratio, so a cell type absent from a sample stays finite. */
export const clrPseudocount = 0.5;

/**
 * Section 7: cell-type compositions per single-cell sample and their centred log-ratio
 * (Aitchison 1986): clr(x)_i = log(x_i + c) - mean_j log(x_j + c), with c = clrPseudocount; the change
 * of each cell type's clr from a subject's first to last single-cell sample.
 */
export function analyseSingleCell(study: ReportStudy, patterns: readonly string[], excluded: ReadonlySet<string>): SingleCellSection {
  const counts = study.singleCell.filter((c) => patterns.some((p) => matchesPattern(c.cellType, p)) && !excluded.has(sampleKey(c.subject, c.visit)));
  if (counts.length === 0) return { pending: ["The study has no single-cell counts matching singleCell.cellTypes."], compositions: [], clrChanges: [] };
  const types = [...new Set(counts.map((c) => c.cellType))].sort(compareText);
  const samples = new Map<string, { subject: string; visit: string; day: number; counts: Map<string, number> }>();
  for (const c of counts) {
    const key = sampleKey(c.subject, c.visit);
    const s = samples.get(key) ?? samples.set(key, { subject: c.subject, visit: c.visit, day: c.day, counts: new Map() }).get(key)!;
    s.counts.set(c.cellType, (s.counts.get(c.cellType) ?? 0) + c.count);
  }
  const ordered = [...samples.values()].sort((a, b) => compareText(a.subject, b.subject) || a.day - b.day);
  const compositions: SingleCellSection["compositions"] = [];
  const clrBySample = new Map<(typeof ordered)[number], Map<string, number>>();
  for (const s of ordered) {
    const total = types.reduce((acc, t) => acc + (s.counts.get(t) ?? 0), 0);
    const logs = types.map((t) => Math.log((s.counts.get(t) ?? 0) + clrPseudocount));
    const meanLog = logs.reduce((a, b) => a + b, 0) / logs.length;
    clrBySample.set(s, new Map(types.map((t, i) => [t, logs[i] - meanLog])));
    for (const t of types) {
      const count = s.counts.get(t) ?? 0;
      compositions.push({ subject: s.subject, visit: s.visit, day: s.day, cellType: t, count, proportion: total > 0 ? count / total : 0 });
    }
  }
  const clrChanges: SingleCellSection["clrChanges"] = [];
  for (const subject of [...new Set(ordered.map((s) => s.subject))]) {
    const own = ordered.filter((s) => s.subject === subject);
    if (own.length < 2) continue;
    const first = own[0];
    const last = own[own.length - 1];
    for (const t of types) {
      const clrFrom = clrBySample.get(first)!.get(t)!;
      const clrTo = clrBySample.get(last)!.get(t)!;
      clrChanges.push({ subject, from: first.visit, to: last.visit, cellType: t, clrFrom, clrTo, change: clrTo - clrFrom });
    }
  }
  return { pending: [], compositions, clrChanges };
}
