import { qrColumnPivoting } from "@biomarker/numerics";
import type { TermList } from "../formula/terms.js";
import { type DataColumns, type LevelOrders, factorValues, isFactorVariable, numericValues } from "./frame.js";

export interface ModelMatrix {
  /** n x p, column-major. */
  readonly matrix: Float64Array;
  readonly n: number;
  readonly names: string[];
}

interface VariableColumns {
  names: string[];
  /** Value of column k at row i. */
  value: (i: number, k: number) => number;
}

/**
 * R's model.matrix with treatment contrasts (Chambers & Hastie 1992, sec. 2.4.1): a factor in a term
 * is coded by contrasts (first level as reference) when the term without that factor is in the model
 * (the intercept standing for the empty term), and by one indicator per level otherwise. Columns of an
 * interaction vary the first variable fastest and are named "a:b", as R names them ("age:SexFemale").
 */
export function modelMatrix(
  data: DataColumns,
  terms: TermList,
  rows: Int32Array,
  formula: string,
  orders: LevelOrders | undefined,
  keepUnobservedLevels = false,
): ModelMatrix {
  const n = rows.length;
  const present = new Set(terms.terms.map((t) => t.join(",")));
  if (terms.intercept) present.add("");
  const cache = new Map<number, { factor: boolean; numeric?: Float64Array; codes?: Int32Array; levels?: string[] }>();
  const resolve = (index: number) => {
    let entry = cache.get(index);
    if (!entry) {
      const variable = terms.variables[index];
      if (isFactorVariable(data, variable, formula)) {
        const coding = factorValues(data, variable, rows, formula, orders, keepUnobservedLevels);
        entry = { factor: true, codes: coding.codes, levels: coding.levels };
      } else {
        entry = { factor: false, numeric: numericValues(data, variable, rows, formula) };
      }
      cache.set(index, entry);
    }
    return entry;
  };

  const columns: { name: string; values: Float64Array }[] = [];
  if (terms.intercept) columns.push({ name: "(Intercept)", values: new Float64Array(n).fill(1) });
  for (const term of terms.terms) {
    const parts: VariableColumns[] = term.map((index) => {
      const variable = terms.variables[index];
      const entry = resolve(index);
      if (!entry.factor) return { names: [variable.label], value: (i: number) => (entry.numeric as Float64Array)[i] };
      const withoutThis = term.filter((j) => j !== index).join(",");
      const contrasts = present.has(withoutThis);
      const levels = entry.levels as string[];
      const first = contrasts ? 1 : 0;
      const codes = entry.codes as Int32Array;
      return {
        names: levels.slice(first).map((l) => `${variable.label}${l}`),
        value: (i: number, k: number) => (codes[i] === k + first ? 1 : 0),
      };
    });
    // Cartesian product of the parts' columns, first part varying fastest.
    const counts = parts.map((p) => p.names.length);
    const total = counts.reduce((a, b) => a * b, 1);
    for (let c = 0; c < total; c++) {
      const picks: number[] = [];
      let rest = c;
      for (const count of counts) {
        picks.push(rest % count);
        rest = Math.floor(rest / count);
      }
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let v = 1;
        for (let k = 0; k < parts.length; k++) v *= parts[k].value(i, picks[k]);
        values[i] = v;
      }
      columns.push({ name: picks.map((pick, k) => parts[k].names[pick]).join(":"), values });
    }
  }
  const matrix = new Float64Array(n * columns.length);
  columns.forEach((column, j) => matrix.set(column.values, j * n));
  return { matrix, n, names: columns.map((c) => c.name) };
}

export interface FullRankMatrix extends ModelMatrix {
  /** Names of the columns dropped because they are linear combinations of earlier ones. */
  readonly dropped: string[];
}

/** Drops rank-deficient columns as lme4's chkRank.drop.cols does: QR with R's limited column pivoting
 *  (LINPACK dqrdc2, tolerance 1e-7) and the pivoted-out columns removed, the rest kept in order. */
export function dropRankDeficientColumns(x: ModelMatrix): FullRankMatrix {
  const p = x.names.length;
  if (p === 0) return { ...x, dropped: [] };
  const qr = qrColumnPivoting(Float64Array.from(x.matrix), x.n, p, 1e-7);
  if (qr.rank === p) return { ...x, dropped: [] };
  const droppedIndex = new Set<number>();
  for (let k = qr.rank; k < p; k++) droppedIndex.add(qr.pivot[k]);
  const keep = [...Array(p).keys()].filter((j) => !droppedIndex.has(j));
  const matrix = new Float64Array(x.n * keep.length);
  keep.forEach((j, k) => matrix.set(x.matrix.subarray(j * x.n, (j + 1) * x.n), k * x.n));
  return {
    matrix,
    n: x.n,
    names: keep.map((j) => x.names[j]),
    dropped: [...droppedIndex].sort((a, b) => a - b).map((j) => x.names[j]),
  };
}
