import { InputDataError } from "./errors.js";
import { parseSmallTable, type DelimitedOptions } from "./delimited.js";
import { RowIssues, checkUnnamedCells, resolveColumns } from "./rowIssues.js";

/** One column of a small table: aliases accepted in the header, and whether it must be present. */
export interface ColumnSpec {
  aliases: readonly string[];
  required: boolean;
}

export interface TableRow<K extends string> {
  row: number;
  /** Trimmed cell of each spec column ("" when the column is absent). */
  get: (key: K) => string;
  /** Header name of a column (for messages). */
  name: (key: K) => string;
  has: (key: K) => boolean;
  /** Cells of the columns not in the spec, by header name. */
  extra: () => Record<string, string>;
}

/**
 * Reads a small table against a column spec: missing required columns, repeated column names and two
 * columns for one key are file-level errors; ragged rows and values under an empty header are row issues; `onRow` validates and converts each remaining row, adding problems to `issues`.
 */
export function readTable<K extends string, T>(
  text: string,
  options: DelimitedOptions,
  spec: Record<K, ColumnSpec>,
  issues: RowIssues,
  onRow: (r: TableRow<K>) => T | null
): T[] {
  const table = parseSmallTable(text, options);
  const index = resolveColumns(
    options.file,
    table.header,
    Object.fromEntries(Object.entries<ColumnSpec>(spec).map(([k, c]) => [k, c.aliases])) as Record<K, readonly string[]>
  );
  const missing: string[] = [];
  for (const key of Object.keys(spec) as K[]) if (index[key] < 0 && spec[key].required) missing.push(spec[key].aliases[0]);
  if (missing.length > 0) {
    throw new InputDataError(
      missing.map((m) => ({
        file: options.file,
        row: 1,
        column: m,
        message: `missing required column '${m}'; the header has ${table.header.join(", ")}`,
      }))
    );
  }
  const used = new Set(Object.values(index) as number[]);
  const out: T[] = [];
  for (const { fields, row } of table.rows) {
    if (fields.length !== table.header.length) {
      issues.add(null, `ragged row: ${fields.length} fields where the header has ${table.header.length}`);
      issues.endRow(row);
      continue;
    }
    checkUnnamedCells(table.header, fields, issues);
    const r: TableRow<K> = {
      row,
      get: (key) => (index[key] >= 0 ? fields[index[key]].trim() : ""),
      name: (key) => (index[key] >= 0 ? table.header[index[key]] : spec[key].aliases[0]),
      has: (key) => index[key] >= 0,
      extra: () => Object.fromEntries(table.header.map((h, k) => [h, fields[k].trim()]).filter(([h], k) => !used.has(k) && h !== "")),
    };
    const value = onRow(r);
    if (issues.endRow(row) && value !== null) out.push(value);
  }
  return out;
}
