/** Keys whose change is not a change of results (a version bump must not fail the golden check). */
export const ignoredPaths: readonly string[] = ["methods.software.toolkitVersion"];

export interface Difference {
  path: string;
  expected: string;
  actual: string;
}

const show = (v: unknown): string => (v === undefined ? "(absent)" : JSON.stringify(v));

/**
 * Every place where two results documents differ, as `key.path[index]`; numbers are compared exactly at
 * the digits results.json stores (both sides were written by serializeResults).
 */
export function compareResults(expected: unknown, actual: unknown): Difference[] {
  const out: Difference[] = [];
  walk(expected, actual, "", out);
  return out.filter((d) => !ignoredPaths.includes(d.path));
}

function walk(a: unknown, b: unknown, path: string, out: Difference[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) walk(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) walk(a[k], b[k], path === "" ? k : `${path}.${k}`, out);
    return;
  }
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
