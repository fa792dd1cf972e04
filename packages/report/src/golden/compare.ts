/** Keys whose change is not a change of results (a version bump must not fail the golden check). */
const ignoredPaths: readonly string[] = ["methods.software.toolkitVersion"];

export interface Difference {
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
 * Every place where two results documents differ, as `key.path[index]`. Strings, booleans, nulls and the
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
  if (a !== b) out.push({ path: path || "(root)", expected: show(a), actual: show(b) });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A readable diff: one line per moved value, at most `limit` lines, then a count of the rest. */
export function formatDifferences(differences: readonly Difference[], limit = 40): string {
  const lines = differences.slice(0, limit).map((d) => `  ${d.path}: ${d.expected} -> ${d.actual}`);
  if (differences.length > limit) lines.push(`  ... and ${differences.length - limit} more`);
  return lines.join("\n");
}
