import type { SkippedRow } from "../model/study.js";
import type { InputIssue } from "./errors.js";

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
