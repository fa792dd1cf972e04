import { parseDelimited, type Delimiter } from "./delimited.js";
import { InputDataError, type InputIssue } from "./errors.js";
import { isMissing, parseNumberCell, parseValueCell, type DecimalSeparator } from "./values.js";

/** A cell of a data table: a number, a text, or null when missing. */
export type DataCell = number | string | null;

/**
 * How a column is read. "number": every cell a finite number or missing (an input error otherwise);
 * "text": trimmed text or missing; "auto": numbers when every non-missing cell is a number, else text.
 */
export type DataColumnType = "number" | "text" | "auto";

export interface DataTableOptions {
  /** File name used in messages. */
  file: string;
  /**
   * The columns to read and their types; the others are left out. Without it every column is read as
   * "auto". A named column missing from the header is an input error on row 1.
   */
  columns?: Record<string, DataColumnType>;
  /**
   * Accept a left-censored `<limit` (e.g. `<0.5`, value below the LLOQ) in "number" columns: the cell is
   * null and its limit is reported in `censored`. Off by default (then `<0.5` is not a number).
   */
  censored?: boolean;
  /** Field delimiter, or "auto" (default) for the most frequent of `,` `;` tab in the header line. */
  delimiter?: Delimiter | "auto";
  /** Decimal separator of numbers (default "."). */
  decimal?: DecimalSeparator;
}

/**
 * A plain column table. Data row k (0-based) is row k + 2 of the file in messages (the header is row 1;
 * full-line `#` comments and blank lines are not rows); `lines[k]` is the line of the text where it starts.
 */
export interface DataTable {
  file: string;
  /** Every header name, in file order (also those not read). */
  header: string[];
  /** The read columns, in header order: one cell per data row. */
  columns: Record<string, DataCell[]>;
  /** Per "number" column when `censored` is on: the limit of each censored cell, null elsewhere. */
  censored: Record<string, (number | null)[]>;
  /** 1-based line of the text where each data row starts (counting comment and blank lines). */
  lines: number[];
}

/**
 * Parses a delimited table (CSV, TSV or `;`; RFC 4180 quotes; full-line `#` comments and blank lines
 * skipped; missing = empty, NA, N/A, na, n/a or ".") into columns. Every problem (missing or duplicate
 * column, ragged row, cell that is not a number) is collected and thrown as one InputDataError whose
 * issues name the file, the row (header = row 1) with its text line when comments shift it, and the column.
 */
export function parseDataTable(text: string, options: DataTableOptions): DataTable {
  const { file } = options;
  const decimal = options.decimal ?? ".";
  const issues: InputIssue[] = [];
  const table: DataTable = { file, header: [], columns: {}, censored: {}, lines: [] };
  let read: { name: string; index: number; type: DataColumnType }[] = [];
  parseDelimited(text, { file, delimiter: options.delimiter, lines: true }, (header, headerLine) => {
    table.header = header;
    const at = (message: string, column: string | null = null): InputIssue =>
      withLine({ file, row: 1, column, message }, headerLine);
    const seen = new Set<string>();
    for (const name of header) {
      if (seen.has(name) && (options.columns === undefined || Object.hasOwn(options.columns, name))) {
        issues.push(at(`the column name '${name}' appears more than once`, name));
      }
      seen.add(name);
    }
    const wanted = options.columns ?? Object.fromEntries(header.map((name) => [name, "auto" as const]));
    for (const [name, type] of Object.entries(wanted)) {
      const index = header.indexOf(name);
      if (index < 0) issues.push(at(`no column '${name}'; the columns are ${header.join(", ")}`));
      else read.push({ name, index, type });
    }
    if (issues.length > 0) throw new InputDataError(issues);
    read = read.sort((a, b) => a.index - b.index);
    for (const c of read) {
      table.columns[c.name] = [];
      if (c.type === "number" && options.censored === true) table.censored[c.name] = [];
    }
    return (fields, row, line) => {
      table.lines.push(line as number);
      if (fields.length !== header.length) {
        issues.push(
          withLine({ file, row, column: null, message: `ragged row: ${fields.length} fields where the header has ${header.length}` }, line)
        );
      }
      for (const c of read) {
        const raw = (fields[c.index] ?? "").trim();
        table.columns[c.name].push(c.type === "number" ? numberCell(raw, c.name, row, line) : isMissing(raw) ? null : raw);
      }
    };
  });

  /** A "number" cell; a censored one records its limit. */
  function numberCell(raw: string, column: string, row: number, line: number | null): number | null {
    const limits = table.censored[column];
    const cell = limits === undefined ? { ...parseNumberCell(raw, decimal), limit: null } : parseValueCell(raw, decimal);
    if (!cell.ok) {
      issues.push(withLine({ file, row, column, message: cell.message }, line));
      limits?.push(null);
      return null;
    }
    limits?.push(cell.limit);
    return cell.value;
  }

  for (const c of read) if (c.type === "auto") table.columns[c.name] = autoColumn(table.columns[c.name] as string[], decimal);
  if (issues.length > 0) throw new InputDataError(issues);
  return table;
}

/** An "auto" column (trimmed texts, null when missing): numbers when every present cell is one, else as read. */
function autoColumn(cells: (string | null)[], decimal: DecimalSeparator): DataCell[] {
  const numbers: (number | null)[] = [];
  for (const cell of cells) {
    if (cell === null) numbers.push(null);
    else {
      const n = parseNumberCell(cell, decimal);
      if (!n.ok) return cells;
      numbers.push(n.value);
    }
  }
  return numbers;
}

/** Adds the text line to an issue when comment or blank lines make it differ from the row. */
function withLine(issue: InputIssue, line: number | null): InputIssue {
  return line === null || line === issue.row ? issue : { ...issue, line };
}
