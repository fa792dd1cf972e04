import { parse } from "csv-parse/sync";
import { BootstrapInputError } from "../errors.js";

/** Column data: a data frame as @biomarker/schema hands it around. */
export type DataFrame = Record<string, readonly (number | string | null)[]>;

/**
 * Parses delimited text (comma, tab or semicolon: the one most frequent in the header line) into a data
 * frame of trimmed strings; empty cells become null. Errors name the source and the 1-based row.
 */
export function parseDelimited(text: string, source: string): DataFrame {
  const headerLine = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = [",", "\t", ";"].reduce((best, d) => (headerLine.split(d).length > headerLine.split(best).length ? d : best), ",");
  let records: string[][];
  try {
    records = parse(text, { delimiter, bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new BootstrapInputError(`${source}${line ? `: row ${line}` : ""}: ${(error as Error).message}`);
  }
  if (records.length === 0) throw new BootstrapInputError(`${source}: the file is empty`);
  const header = records[0].map((h) => h.trim());
  const frame: Record<string, (string | null)[]> = {};
  for (const name of header) frame[name] = [];
  for (let r = 1; r < records.length; r++) {
    header.forEach((name, c) => {
      const cell = records[r][c].trim();
      frame[name].push(cell === "" ? null : cell);
    });
  }
  return frame;
}

/** The column `name` as numbers (null = missing: empty, NA, NaN); other text is an input error naming the cell. */
export function numericColumn(frame: DataFrame, name: string, source: string): (number | null)[] {
  const column = frame[name];
  if (column === undefined) {
    throw new BootstrapInputError(`${source}: row 1: no column '${name}'; the columns are ${Object.keys(frame).join(", ")}`);
  }
  return column.map((cell, k) => {
    if (cell === null || typeof cell === "number") return cell === null || Number.isNaN(cell) ? null : cell;
    const text = cell.trim();
    if (text === "" || text === "NA" || text === "NaN" || text === ".") return null;
    const value = Number(text);
    if (!Number.isFinite(value)) {
      throw new BootstrapInputError(`${source}: row ${k + 2}, column '${name}': '${cell}' is not a number`);
    }
    return value;
  });
}
