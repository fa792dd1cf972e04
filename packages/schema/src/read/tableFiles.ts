import { parseDataTable, type DataTable, type DataTableOptions } from "./dataTable.js";
import { InputDataError } from "./errors.js";
import { readInputText } from "./inputFile.js";
import { parseFlowJoTable, type FlowJoReadOptions, type FlowJoTable } from "./flowJo.js";
import { parseLongTable, type LongReadOptions, type LongTable } from "./longTable.js";
import { parseWideTable, type WideReadOptions, type WideTable } from "./wideTable.js";

/** Options of the file readers: as the parsers', with the file name taken from the path. */
type FileOptions<T> = Omit<T, "file"> & { issueLimit?: number };

/** The file's text (UTF-8, size-checked; see readInputText). */
const readText = (path: string): string => readInputText(path);

function checked<T extends { issues: readonly unknown[] }>(table: T, limit: number | undefined): T {
  if (table.issues.length > 0) throw new InputDataError(table.issues as InputDataError["issues"], limit);
  return table;
}

/** Reads a long CSV/TSV file; throws InputDataError listing every bad row unless `skipInvalid`. */
export function readLongTable(path: string, options: FileOptions<LongReadOptions> = {}): LongTable {
  return checked(parseLongTable(readText(path), { ...options, file: path }), options.issueLimit);
}

/** Reads a wide CSV/TSV file (one row per sample, one column per feature). */
export function readWideTable(path: string, options: FileOptions<WideReadOptions> = {}): WideTable {
  return checked(parseWideTable(readText(path), { ...options, file: path }), options.issueLimit);
}

/** Reads a FlowJo table-editor export. */
export function readFlowJoTable(path: string, options: FileOptions<FlowJoReadOptions> = {}): FlowJoTable {
  return checked(parseFlowJoTable(readText(path), { ...options, file: path }), options.issueLimit);
}

/** Reads a plain data table (CSV/TSV, one row per observation) into columns; see parseDataTable. */
export function readDataTable(path: string, options: Omit<DataTableOptions, "file"> = {}): DataTable {
  return parseDataTable(readText(path), { ...options, file: path });
}
