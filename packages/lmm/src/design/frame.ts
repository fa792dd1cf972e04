import { FormulaSyntaxError, LmmInputError } from "../errors.js";
import type { ModelTerms, Variable } from "../formula/terms.js";

/** Column data: numbers, strings, or null for a missing value (NaN counts as missing too). */
export type DataColumns = Record<string, ArrayLike<number | string | null>>;

/** Explicit level orders for factor columns, e.g. { visit: ["baseline", "day7", "day28"] }. */
export type LevelOrders = Record<string, readonly string[]>;

/** R's default level order for character data: sorted. Collation is the "en" locale's (document: R's
 *  sort() follows the session locale, which is en_US on most systems). */
const collator = new Intl.Collator("en");

const isMissing = (v: number | string | null | undefined): boolean =>
  v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v)) || v === "" || v === "NA";

export function columnOf(data: DataColumns, variable: Variable, formula: string): ArrayLike<number | string | null> {
  const column = data[variable.column];
  if (column === undefined) {
    throw new FormulaSyntaxError(
      formula,
      variable.start,
      `unknown column '${variable.column}' (columns: ${Object.keys(data).join(", ")})`,
    );
  }
  return column;
}

/** True when every non-missing value is a number (such a column is numeric unless wrapped in factor()). */
function isNumericColumn(column: ArrayLike<number | string | null>): boolean {
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (!isMissing(v) && typeof v !== "number") return false;
  }
  return true;
}

export function isFactorVariable(data: DataColumns, variable: Variable, formula: string): boolean {
  return variable.transform === "factor" || !isNumericColumn(columnOf(data, variable, formula));
}

/** Rows with no missing value in any used column (R's na.omit on the model frame). */
export function completeRows(data: DataColumns, terms: ModelTerms): Int32Array {
  const used: Variable[] = [terms.response, ...terms.fixed.variables];
  for (const r of terms.random) used.push(...r.effects.variables, ...r.grouping);
  return rowsWithoutMissing(data, used, terms.formula);
}

/** Rows with a value in every one of the given variables' columns. */
export function rowsWithoutMissing(data: DataColumns, used: readonly Variable[], formula: string): Int32Array {
  const columns = used.map((v) => columnOf(data, v, formula));
  const n = columns[0]?.length ?? Object.values(data)[0]?.length ?? 0;
  for (let k = 0; k < used.length; k++) {
    if (columns[k].length !== n) {
      throw new LmmInputError(`column '${used[k].column}' has ${columns[k].length} values; '${used[0].column}' has ${n}`);
    }
  }
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    let complete = true;
    for (const column of columns) if (isMissing(column[i])) complete = false;
    if (complete) rows.push(i);
  }
  return Int32Array.from(rows);
}

/** Numeric values of a variable on the given rows, with its transform applied. */
export function numericValues(data: DataColumns, variable: Variable, rows: Int32Array, formula: string): Float64Array {
  const column = columnOf(data, variable, formula);
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const raw = column[rows[i]];
    const x = typeof raw === "number" ? raw : Number(raw);
    if (typeof raw !== "number" && !(typeof raw === "string" && raw.trim() !== "" && Number.isFinite(x))) {
      throw new LmmInputError(`column '${variable.column}' must be numeric: row ${rows[i] + 2} holds '${String(raw)}'`);
    }
    const value = transformValue(variable, x);
    if (!Number.isFinite(value)) {
      throw new LmmInputError(`${variable.label} is not finite at row ${rows[i] + 2} (${variable.column} = ${x})`);
    }
    out[i] = value;
  }
  return out;
}

function transformValue(variable: Variable, x: number): number {
  switch (variable.transform) {
    case "log":
      return x > 0 ? Math.log(x) : NaN;
    case "log2":
      return x > 0 ? Math.log2(x) : NaN;
    case "log10":
      return x > 0 ? Math.log10(x) : NaN;
    case "sqrt":
      return x >= 0 ? Math.sqrt(x) : NaN;
    case "exp":
      return Math.exp(x);
    default:
      return x;
  }
}

export interface FactorCoding {
  /** Level index of every row. */
  readonly codes: Int32Array;
  readonly levels: string[];
}

/** Factor coding of a column on the given rows: observed levels, sorted (numbers numerically, as R's
 *  factor() on a numeric vector) unless an explicit order is given; unobserved levels are dropped. */
export function factorValues(
  data: DataColumns,
  variable: Variable,
  rows: Int32Array,
  formula: string,
  orders: LevelOrders | undefined,
  keepUnobservedLevels = false,
): FactorCoding {
  const column = columnOf(data, variable, formula);
  const labels: string[] = new Array(rows.length);
  const distinct = new Map<string, number | string>();
  for (let i = 0; i < rows.length; i++) {
    const v = column[rows[i]] as number | string;
    const label = String(v);
    labels[i] = label;
    if (!distinct.has(label)) distinct.set(label, v);
  }
  let levels: string[];
  const order = orders?.[variable.column];
  if (order) {
    const unknown = [...distinct.keys()].find((l) => !order.includes(l));
    if (unknown !== undefined) {
      throw new LmmInputError(`column '${variable.column}' holds '${unknown}', which is not among the levels given (${order.join(", ")})`);
    }
    levels = keepUnobservedLevels ? [...order] : order.filter((l) => distinct.has(l));
  } else {
    const entries = [...distinct.entries()];
    const numeric = entries.every(([, v]) => typeof v === "number");
    entries.sort(numeric ? (a, b) => (a[1] as number) - (b[1] as number) : (a, b) => collator.compare(a[0], b[0]));
    levels = entries.map(([l]) => l);
  }
  const index = new Map(levels.map((l, k) => [l, k]));
  const codes = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) codes[i] = index.get(labels[i]) as number;
  return { codes, levels };
}
