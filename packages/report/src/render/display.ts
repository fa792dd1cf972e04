import { formatNumber } from "@biomarker/numerics";
import type { Cell } from "./tables.js";

/** Display text of a table cell: integers as they are, other numbers at 3 significant digits, null blank. */
export function displayCell(c: Cell): string {
  if (c === null) return "";
  if (typeof c === "boolean") return c ? "yes" : "no";
  if (typeof c === "number") return Number.isInteger(c) && Math.abs(c) < 1e6 ? String(c) : formatNumber(c, 3);
  return c;
}
