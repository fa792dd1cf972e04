import type { SkippedRow } from "../model/study.js";
import { InputDataError, type InputIssue } from "./errors.js";

/**
 * Collects the problems of each row. With `skipInvalid` a bad row becomes a SkippedRow listing every
 * reason; otherwise each problem becomes an InputIssue that the caller turns into an error.
 */
export class RowIssues {
  readonly issues: InputIssue[] = [];
  readonly skipped: SkippedRow[] = [];
  private pending: { column: string | null; message: string }[] = [];
  constructor(readonly file: string, private readonly skipInvalid: boolean) {}

  add(column: string | null, message: string): void {
    this.pending.push({ column, message });
  }

  /** Problems added to the current row so far. */
  pendingCount(): number {
    return this.pending.length;
  }

  /** A problem with the whole file (missing column, ...): always fatal. */
  fileIssue(row: number | null, column: string | null, message: string): void {
    this.issues.push({ file: this.file, row, column, message });
  }

  /** Closes a row; returns true when it had no problem. */
  endRow(row: number): boolean {
    if (this.pending.length === 0) return true;
    if (this.skipInvalid) {
      this.skipped.push({
        file: this.file,
        row,
        reasons: this.pending.map((p) => (p.column === null ? p.message : `column '${p.column}': ${p.message}`)),
      });
    } else {
      for (const p of this.pending) this.issues.push({ file: this.file, row, column: p.column, message: p.message });
    }
    this.pending = [];
    return false;
  }
}

/** Resolves header names (case-insensitive) to column indexes, trying aliases in order. */
export function columnIndex(header: readonly string[], aliases: readonly string[]): number {
  const lower = header.map((h) => h.toLowerCase());
  for (const a of aliases) {
    const k = lower.indexOf(a.toLowerCase());
    if (k >= 0) return k;
  }
  return -1;
}

/**
 * Resolves every key of a column spec to its column and checks the header: two columns with the same name,
 * or two columns answering the same key (`value` and `AVAL`, `value` twice), are errors naming both, as
 * silently taking the first would drop the other's data. Returns -1 for an absent key.
 */
export function resolveColumns<K extends string>(
  file: string,
  header: readonly string[],
  spec: Record<K, readonly string[]>
): Record<K, number> {
  const issues: InputIssue[] = [];
  const lower = header.map((h) => h.toLowerCase());
  const firstOf = new Map<string, number>();
  lower.forEach((h, k) => {
    if (h === "") return;
    const first = firstOf.get(h);
    if (first === undefined) firstOf.set(h, k);
    else
      issues.push({
        file,
        row: 1,
        column: header[k],
        message: `column '${header[k]}' appears twice (columns ${first + 1} and ${k + 1}); rename or remove one`,
      });
  });
  const out = {} as Record<K, number>;
  for (const key of Object.keys(spec) as K[]) {
    const matches = [...new Set(spec[key].map((a) => firstOf.get(a.toLowerCase())))].filter(
      (k): k is number => k !== undefined
    );
    out[key] = matches.length === 0 ? -1 : matches[0];
    if (matches.length > 1)
      issues.push({
        file,
        row: 1,
        column: header[matches[1]],
        message: `columns '${header[matches[0]]}' and '${header[matches[1]]}' both give the ${key}; keep one`,
      });
  }
  if (issues.length > 0) throw new InputDataError(issues);
  return out;
}

/** Adds a row issue for every non-empty cell under a column without a header (such data would be lost). */
export function checkUnnamedCells(header: readonly string[], fields: readonly string[], rows: RowIssues, from = 0): void {
  for (let k = from; k < header.length && k < fields.length; k++) {
    if (header[k] === "" && fields[k].trim() !== "")
      rows.add(`#${k + 1}`, `value '${fields[k].trim()}' in column ${k + 1}, which has no header`);
  }
}
