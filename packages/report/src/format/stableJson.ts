import { roundSignificant } from "@biomarker/numerics";

/** Significant digits of every number in results.json: far beyond display, far above float noise. */
export const resultDigits = 10;

/**
 * JSON with object keys sorted (code-unit order) at every level and every number rounded to
 * `resultDigits` significant digits; -0 becomes 0 and NaN/Infinity become null (JSON has no such
 * numbers). The same value gives the same bytes on every machine.
 */
export function stableJson(value: unknown, indent = 2): string {
  return `${write(value, "", indent)}\n`;
}

function write(value: unknown, pad: string, indent: number): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") return Number.isFinite(value) ? JSON.stringify(roundSignificant(value, resultDigits)) : "null";
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  const inner = pad + " ".repeat(indent);
  const nl = indent > 0 ? "\n" : "";
  const sep = indent > 0 ? ": " : ":";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[${nl}${value.map((v) => inner + write(v, inner, indent)).join(`,${nl}`)}${nl}${pad}]`;
  }
  if (ArrayBuffer.isView(value)) return write(Array.from(value as unknown as ArrayLike<number>), pad, indent);
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return "{}";
  return `{${nl}${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}${sep}${write(v, inner, indent)}`).join(`,${nl}`)}${nl}${pad}}`;
}
