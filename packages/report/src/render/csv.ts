import { roundSignificant } from "@biomarker/numerics";
import { resultDigits } from "../format/stableJson.js";
import type { Cell, Table } from "./tables.js";

/** RFC 4180 CSV: fields with a comma, quote or newline are quoted; numbers at results.json precision; null = empty. */
export function tableToCsv(table: Table): string {
  const field = (c: Cell): string => {
    if (c === null) return "";
    const text = typeof c === "number" ? (Number.isFinite(c) ? String(roundSignificant(c, resultDigits)) : "") : String(c);
    // A leading = + - @ would be read as a formula by spreadsheet programs: quote-prefix it.
    const safe = typeof c === "string" && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [table.columns, ...table.rows].map((row) => row.map(field).join(",")).join("\r\n") + "\r\n";
}
