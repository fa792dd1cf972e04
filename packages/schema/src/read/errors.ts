/** One problem found in an input file: where (file, 1-based row with the header as row 1, column) and what. */
export interface InputIssue {
  file: string;
  /** 1-based row, the header is row 1; null for a problem with the whole file. */
  row: number | null;
  /** 1-based line of the text where the row starts, when full-line comments or blank lines make it differ from `row`. */
  line?: number;
  column: string | null;
  message: string;
}

/** How many issues an error message lists (all are kept in `issues`). */
export const DEFAULT_ISSUE_LIMIT = 50;

/** Renders an issue as `file, row R, column C: message` (`row R (line L)` when the text line differs). */
export function formatIssue(issue: InputIssue): string {
  const where = [issue.file];
  if (issue.row !== null) where.push(issue.line === undefined ? `row ${issue.row}` : `row ${issue.row} (line ${issue.line})`);
  if (issue.column !== null) where.push(`column '${issue.column}'`);
  return `${where.join(", ")}: ${issue.message}`;
}

/**
 * Bad input data: carries every issue found (not only the first); the message lists up to `limit` of
 * them. The CLI prints the message and exits 1 without a stack.
 */
export class InputDataError extends Error {
  readonly inputError = true;
  readonly issues: readonly InputIssue[];
  constructor(issues: readonly InputIssue[], limit = DEFAULT_ISSUE_LIMIT) {
    const shown = issues.slice(0, limit).map((i) => `  ${formatIssue(i)}`);
    const more = issues.length > limit ? [`  ... and ${issues.length - limit} more`] : [];
    const head = issues.length === 1 ? "1 problem in the input data:" : `${issues.length} problems in the input data:`;
    super([head, ...shown, ...more].join("\n"));
    this.name = "InputDataError";
    this.issues = issues;
  }
}

/** A study manifest that cannot be read or does not match the manifest schema. */
export class ManifestError extends Error {
  readonly inputError = true;
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = "ManifestError";
    this.file = file;
  }
}
