/** Parsing of single cells: numbers (with a declared decimal separator), censored values, booleans. */

export type DecimalSeparator = "." | ",";

/** Cell texts read as missing. */
const MISSING = new Set(["", "NA", "N/A", "na", "n/a", "."]);

export function isMissing(text: string): boolean {
  return MISSING.has(text.trim());
}

const NUMBER_DOT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NUMBER_COMMA = /^[+-]?(?:\d+,?\d*|,\d+)(?:[eE][+-]?\d+)?$/;

export type NumberCell = { ok: true; value: number | null } | { ok: false; message: string };

/**
 * A finite number, or null when missing. A decimal comma is accepted only when `decimal` is ","; then a
 * point is rejected (it would be a thousands separator). Infinity and NaN are errors.
 */
export function parseNumberCell(raw: string, decimal: DecimalSeparator): NumberCell {
  const text = raw.trim();
  if (MISSING.has(text)) return { ok: true, value: null };
  if (decimal === "." ? NUMBER_DOT.test(text) : NUMBER_COMMA.test(text)) {
    const value = Number(decimal === "." ? text : text.replace(",", "."));
    if (Number.isFinite(value)) return { ok: true, value };
    return { ok: false, message: `'${raw}' is out of the range of finite numbers` };
  }
  if (/^[+-]?(inf|infinity|nan)$/i.test(text)) return { ok: false, message: `'${raw}' is not a finite number` };
  if (decimal === "." && NUMBER_COMMA.test(text) && text.includes(",")) {
    return {
      ok: false,
      message: `'${raw}' is not a number (decimal commas are read only when the manifest declares "decimal": ",")`,
    };
  }
  return { ok: false, message: `'${raw}' is not a number` };
}

export type ValueCell =
  | { ok: true; value: number | null; censored: "<" | null; limit: number | null }
  | { ok: false; message: string };

/** A measurement value: a number, missing, or a left-censored `<limit` (kept censored with its limit). */
export function parseValueCell(raw: string, decimal: DecimalSeparator): ValueCell {
  const text = raw.trim();
  if (text.startsWith("<")) {
    const limit = parseNumberCell(text.slice(1).replace(/^=/, ""), decimal);
    if (!limit.ok || limit.value === null)
      return { ok: false, message: `'${raw}' is not a censored value like '<0.5'` };
    return { ok: true, value: null, censored: "<", limit: limit.value };
  }
  if (text.startsWith(">"))
    return { ok: false, message: `'${raw}' is right-censored; only left-censored values ('<limit') are supported` };
  const n = parseNumberCell(text, decimal);
  return n.ok ? { ok: true, value: n.value, censored: null, limit: null } : n;
}

export type IntegerCell = { ok: true; value: number | null } | { ok: false; message: string };

export function parseIntegerCell(raw: string): IntegerCell {
  const text = raw.trim();
  if (MISSING.has(text)) return { ok: true, value: null };
  if (/^[+-]?\d+$/.test(text)) return { ok: true, value: Number(text) };
  return { ok: false, message: `'${raw}' is not a whole number of days` };
}

/**
 * A study day (days since the first dose): a whole or fractional number (hour-level sampling: 2 h after
 * the dose is day 0.0833...); missing is null.
 */
export function parseDayCell(raw: string): IntegerCell {
  const text = raw.trim();
  if (MISSING.has(text)) return { ok: true, value: null };
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return { ok: true, value: Number(text) };
  return { ok: false, message: `'${raw}' is not a number of days` };
}

export type BooleanCell = { ok: true; value: boolean | null } | { ok: false; message: string };

const TRUE = new Set(["1", "y", "yes", "true", "t", "present"]);
const FALSE = new Set(["0", "n", "no", "false", "f", "absent"]);

export function parseBooleanCell(raw: string): BooleanCell {
  const text = raw.trim().toLowerCase();
  if (MISSING.has(text)) return { ok: true, value: null };
  if (TRUE.has(text)) return { ok: true, value: true };
  if (FALSE.has(text)) return { ok: true, value: false };
  return { ok: false, message: `'${raw}' is not yes/no (1/0, Y/N, true/false)` };
}
