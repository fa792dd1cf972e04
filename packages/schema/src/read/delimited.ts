import { parse, CsvError } from "csv-parse/sync";
import { InputDataError } from "./errors.js";

export type Delimiter = "," | ";" | "\t";

export interface DelimitedOptions {
  /** File name used in messages. */
  file: string;
  /** Field delimiter, or "auto" to pick the most frequent of `,` `;` tab in the header line. */
  delimiter?: Delimiter | "auto";
  /** Characters per csv-parse call (default about 4 M). */
  chunkChars?: number;
  /** Also report each row's physical line in the text (counting comment and blank lines); off by default. */
  lines?: boolean;
  /**
   * Prefix of the comment lines allowed before the header (default "#"); null allows none. Only leading
   * lines are comments: after the header every line is data, so a row whose first field starts with the
   * prefix is read as data, never dropped.
   */
  comment?: string | null;
}

/**
 * Receives each data row's fields, its 1-based row number (the header is row 1; comment and blank lines
 * are not rows) and, with the `lines` option, the 1-based line of the text where the row starts (else null).
 */
export type RowHandler = (fields: string[], row: number, line: number | null) => void;

/** Characters parsed per csv-parse call; chunks end at a line break outside quotes. */
const CHUNK_CHARS = 1 << 22;

/**
 * Parses delimited text with csv-parse (RFC 4180 quotes, CRLF or LF, a UTF-8 BOM, comment lines before
 * the header only, blank lines skipped) and hands the rows to the handler that `onHeader` returns. The text is
 * parsed in chunks of about 4 M characters that end at a line break outside quotes, so a million-row
 * file never exists as one array of arrays. Throws InputDataError for an empty file, a file with a header
 * only, or malformed quoting.
 */
export function parseDelimited(
  text: string,
  options: DelimitedOptions,
  onHeader: (header: string[], line: number | null) => RowHandler
): void {
  const file = options.file;
  const comment = options.comment === undefined ? "#" : options.comment;
  const delimiter =
    options.delimiter === undefined || options.delimiter === "auto" ? detectDelimiter(text, comment) : options.delimiter;
  if (delimiter === null) throw new InputDataError([{ file, row: null, column: null, message: "the file is empty" }]);
  let row = 0;
  let handler: RowHandler | null = null;
  const csvOptions = {
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: options.lines === true,
  } as const;
  let { start, lines: linesBefore } = afterLeadingComments(text, comment);
  while (start < text.length) {
    const end = chunkEnd(text, start, start + (options.chunkChars ?? CHUNK_CHARS));
    const chunk = text.slice(start, end);
    let records: string[][];
    let lines: number[] | null = null;
    try {
      if (options.lines === true) {
        const parsed = parse(chunk, csvOptions) as unknown as { record: string[]; info: { lines: number } }[];
        records = parsed.map((p) => p.record);
        // csv-parse counts the line where a record ends; step back over the line breaks inside its quotes.
        lines = parsed.map((p) => linesBefore + p.info.lines - lineBreaksIn(p.record));
      } else {
        records = parse(chunk, csvOptions) as string[][];
      }
    } catch (error) {
      if (error instanceof CsvError) {
        // csv-parse counts lines within the chunk; add the line breaks before it.
        const within = (error as CsvError & { lines?: number }).lines ?? 1;
        let line = within;
        for (let k = text.indexOf("\n"); k >= 0 && k < start; k = text.indexOf("\n", k + 1)) line += 1;
        throw new InputDataError([
          { file, row: null, column: null, message: `cannot parse the file at line ${line}: ${error.message}` },
        ]);
      }
      throw error;
    }
    for (let k = 0; k < records.length; k++) {
      row += 1;
      const line = lines === null ? null : lines[k];
      if (handler === null) handler = onHeader(records[k].map((h) => h.trim()), line);
      else handler(records[k], row, line);
    }
    if (options.lines === true) linesBefore += lineBreaksIn([chunk]);
    start = end;
  }
  if (handler === null) throw new InputDataError([{ file, row: null, column: null, message: "the file is empty" }]);
  if (row === 1)
    throw new InputDataError([{ file, row: 1, column: null, message: "the file has a header but no data rows" }]);
}

/**
 * Where the table starts: after a UTF-8 BOM and the blank lines and comment lines (lines starting with
 * `comment`) before the header; `lines` counts the lines skipped.
 */
function afterLeadingComments(text: string, comment: string | null): { start: number; lines: number } {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lines = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, "");
    if (line.trim() !== "" && (comment === null || !line.startsWith(comment))) break;
    start = end + 1;
    lines += 1;
  }
  return { start: Math.min(start, text.length), lines };
}

/** Number of line feeds in the fields (a CRLF counts once). */
function lineBreaksIn(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) for (let k = field.indexOf("\n"); k >= 0; k = field.indexOf("\n", k + 1)) count += 1;
  return count;
}

/**
 * The end of a chunk: just after the first line break at or beyond `target` that lies outside double
 * quotes (an even number of quotes since `start`; RFC 4180 escapes a quote as two), or the text's end.
 */
function chunkEnd(text: string, start: number, target: number): number {
  if (target >= text.length) return text.length;
  let quotes = 0;
  let q = text.indexOf('"', start);
  let nl = text.indexOf("\n", target);
  while (nl >= 0) {
    while (q >= 0 && q < nl) {
      quotes += 1;
      q = text.indexOf('"', q + 1);
    }
    if (quotes % 2 === 0) return nl + 1;
    nl = text.indexOf("\n", nl + 1);
  }
  return text.length;
}

/**
 * The delimiter of the header (the first line after the leading blank and comment lines): whichever of
 * tab, `;` and `,` occurs most often outside double quotes (ties prefer tab, then `;`). Null for a file
 * with no such line.
 */
export function detectDelimiter(text: string, comment: string | null = "#"): Delimiter | null {
  const { start } = afterLeadingComments(text, comment);
  if (start >= text.length) return null;
  let end = text.indexOf("\n", start);
  if (end < 0) end = text.length;
  return mostFrequent(text.slice(start, end).replace(/\r$/, ""));
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
