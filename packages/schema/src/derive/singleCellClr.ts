import type { SingleCellCount } from "../model/study.js";
import { centredLogRatio } from "./transforms.js";

/** A cell-type count with its composition: share of the sample and centred log-ratio. */
export interface CellTypeClr extends SingleCellCount {
  /** Share of the sample's cells. */
  proportion: number;
  clr: number;
}

/**
 * Per sample (subject, visit): the proportion and centred log-ratio of each cell type. Cell types absent
 * from a sample but present elsewhere are counted as 0, so every sample has the same parts.
 */
export function singleCellClr(counts: readonly SingleCellCount[], pseudocount = 0.5): CellTypeClr[] {
  const types = [...new Set(counts.map((c) => c.cellType))];
  const samples = new Map<string, { subject: string; visit: string; day: number; counts: Map<string, number> }>();
  for (const c of counts) {
    const key = `${c.subject}\u0000${c.visit}`;
    let s = samples.get(key);
    if (s === undefined) samples.set(key, (s = { subject: c.subject, visit: c.visit, day: c.day, counts: new Map() }));
    s.counts.set(c.cellType, (s.counts.get(c.cellType) ?? 0) + c.count);
  }
  const out: CellTypeClr[] = [];
  for (const s of samples.values()) {
    const x = types.map((t) => s.counts.get(t) ?? 0);
    const total = x.reduce((a, b) => a + b, 0);
    const clr = centredLogRatio(x, pseudocount);
    types.forEach((cellType, k) =>
      out.push({
        subject: s.subject,
        visit: s.visit,
        day: s.day,
        cellType,
        count: x[k],
        proportion: total > 0 ? x[k] / total : 0,
        clr: clr[k],
      })
    );
  }
  return out;
}
