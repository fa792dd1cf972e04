/** Keys whose change is not a change of results (a version bump must not fail the golden check). */
const ignoredPaths: readonly string[] = ["methods.software.toolkitVersion"];

export interface Difference {
  /** A row of the golden absent from the new results, a row only in the new results, or a changed value. */
  kind: "missing" | "added" | "changed";
  path: string;
  expected: string;
  actual: string;
}

const show = (v: unknown): string => (v === undefined ? "(absent)" : JSON.stringify(v));

export interface CompareTolerance {
  /** Relative tolerance for numbers (default 1e-6). */
  relative?: number;
  /** Absolute tolerance for numbers near zero (default 1e-10). */
  absolute?: number;
}

/**
 * Fields that identify a row of a results table, in the order they are shown. Rows of an array of objects
 * are matched by the values of those of these fields that every row has (when they are unique), so one
 * dropped row is one missing row, not every later row "moved"; other arrays are compared by position.
 */
const KEY_FIELDS: readonly string[] = [
  "id", "section", "family", "outcome", "biomarker", "feature", "subject", "cellType", "visit", "day", "term", "parameter", "method", "name", "kind",
];

/**
 * Every place where two results documents differ, as `key.path[field=value,...]` for matched rows and
 * `key.path[index]` for positional arrays. Strings, booleans, nulls and the
 * shape must be equal; two numbers are equal when |a - b| <= max(relative max(|a|, |b|), absolute).
 * The default 1e-6 relative is far below any displayed digit (3 significant) and far above the float
 * noise an optimizer's stopping point leaves in the 10 stored digits (about 1e-8), so the check fails on
 * a change of results, not on a rounding path.
 */
export function compareResults(expected: unknown, actual: unknown, tolerance: CompareTolerance = {}): Difference[] {
  const out: Difference[] = [];
  walk(expected, actual, "", out, tolerance.relative ?? 1e-6, tolerance.absolute ?? 1e-10);
  return out.filter((d) => !ignoredPaths.includes(d.path));
}

function walk(a: unknown, b: unknown, path: string, out: Difference[], relative: number, absolute: number): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    const keys = rowKeys(a, b);
    if (keys !== null) {
      const byKey = new Map(b.map((row, i) => [keys.actual[i], row]));
      const expectedKeys = new Set(keys.expected);
      a.forEach((row, i) => {
        const at = `${path}[${keys.expected[i]}]`;
        if (byKey.has(keys.expected[i])) walk(row, byKey.get(keys.expected[i]), at, out, relative, absolute);
        else out.push({ kind: "missing", path: at, expected: show(row), actual: show(undefined) });
      });
      b.forEach((row, i) => {
        if (!expectedKeys.has(keys.actual[i])) out.push({ kind: "added", path: `${path}[${keys.actual[i]}]`, expected: show(undefined), actual: show(row) });
      });
      return;
    }
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) walk(a[i], b[i], `${path}[${i}]`, out, relative, absolute);
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) walk(a[k], b[k], path === "" ? k : `${path}.${k}`, out, relative, absolute);
    return;
  }
  if (typeof a === "number" && typeof b === "number" && Math.abs(a - b) <= Math.max(relative * Math.max(Math.abs(a), Math.abs(b)), absolute)) return;
  if (a === b) return;
  const kind = a === undefined ? "added" : b === undefined ? "missing" : "changed";
  out.push({ kind, path: path || "(root)", expected: show(a), actual: show(b) });
}

/** The key of each row (`feature=CD19,visit=D7`) when both arrays are rows with unique keys, else null. */
function rowKeys(a: readonly unknown[], b: readonly unknown[]): { expected: string[]; actual: string[] } | null {
  const rows = [...a, ...b];
  if (rows.length === 0 || !rows.every(isObject)) return null;
  const fields = KEY_FIELDS.filter((f) => rows.every((r) => isPrimitive((r as Record<string, unknown>)[f])));
  if (fields.length === 0) return null;
  const keyOf = (r: unknown) => fields.map((f) => `${f}=${String((r as Record<string, unknown>)[f])}`).join(",");
  const expected = a.map(keyOf);
  const actual = b.map(keyOf);
  if (new Set(expected).size !== expected.length || new Set(actual).size !== actual.length) return null;
  return { expected, actual };
}

function isPrimitive(v: unknown): boolean {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A readable diff: one line per missing row, added row or changed value, at most `limit` lines, then a count of the rest. */
export function formatDifferences(differences: readonly Difference[], limit = 40): string {
  const line = (d: Difference): string =>
    d.kind === "missing" ? `  missing ${d.path}: ${d.expected}` : d.kind === "added" ? `  added ${d.path}: ${d.actual}` : `  ${d.path}: ${d.expected} -> ${d.actual}`;
  const lines = differences.slice(0, limit).map(line);
  if (differences.length > limit) lines.push(`  ... and ${differences.length - limit} more`);
  return lines.join("\n");
}
