import { parse, CsvError } from "csv-parse/sync";
import { InputDataError } from "./errors.js";

export type Delimiter = "," | ";" | "\t";

export interface DelimitedOptions {
  /** File name used in messages. */
  file: string;
  /** Field delimiter, or "auto" to pick the most frequent of `,` `;` tab in the header line. */
  delimiter?: Delimiter | "auto";
}

/** Receives each data row's fields and its 1-based row number (the header is row 1). */
export type RowHandler = (fields: string[], row: number) => void;

/**
 * Parses delimited text with csv-parse (RFC 4180 quotes, CRLF or LF, a UTF-8 BOM, full-line `#`
 * comments, blank lines skipped) and streams the rows to the handler that `onHeader` returns, so a
 * million-row file never exists as an array of arrays. Throws InputDataError for an empty file, a file
 * with a header only, or malformed quoting.
 */
export function parseDelimited(text: string, options: DelimitedOptions, onHeader: (header: string[]) => RowHandler): void {
  const file = options.file;
  const delimiter = options.delimiter === undefined || options.delimiter === "auto" ? detectDelimiter(text) : options.delimiter;
  if (delimiter === null) throw new InputDataError([{ file, row: null, column: null, message: "the file is empty" }]);
  let row = 0;
  let handler: RowHandler | null = null;
  try {
    parse(text, {
      bom: true,
      delimiter,
      comment: "#",
      comment_no_infix: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record: string[]) => {
        row += 1;
        if (handler === null) handler = onHeader(record.map((h) => h.trim()));
        else handler(record, row);
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new InputDataError([
        { file, row: row + 1, column: null, message: `cannot parse the file${line === undefined ? "" : ` (near line ${line})`}: ${error.message}` },
      ]);
    }
    throw error;
  }
  if (handler === null) throw new InputDataError([{ file, row: null, column: null, message: "the file is empty" }]);
  if (row === 1) throw new InputDataError([{ file, row: 1, column: null, message: "the file has a header but no data rows" }]);
}

/**
 * The delimiter of the first non-comment, non-blank line: whichever of tab, `;` and `,` occurs most often
 * outside double quotes (ties prefer tab, then `;`). Null for a file with no such line.
 */
export function detectDelimiter(text: string): Delimiter | null {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, "");
    if (line.trim() !== "" && !line.startsWith("#")) return mostFrequent(line);
    start = end + 1;
  }
  return null;
}

function mostFrequent(line: string): Delimiter {
  const counts: Record<Delimiter, number> = { "\t": 0, ";": 0, ",": 0 };
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\t" || ch === ";" || ch === ",")) counts[ch] += 1;
  }
  if (counts["\t"] >= counts[";"] && counts["\t"] >= counts[","] && counts["\t"] > 0) return "\t";
  if (counts[";"] >= counts[","] && counts[";"] > 0) return ";";
  return ",";
}

/** A small table held in memory: header and data rows with their row numbers. */
export interface SmallTable {
  header: string[];
  rows: { fields: string[]; row: number }[];
}

/** Parses a small table (subjects, samples, features, clinical) into memory. */
export function parseSmallTable(text: string, options: DelimitedOptions): SmallTable {
  const table: SmallTable = { header: [], rows: [] };
  parseDelimited(text, options, (header) => {
    table.header = header;
    return (fields, row) => table.rows.push({ fields, row });
  });
  return table;
}
