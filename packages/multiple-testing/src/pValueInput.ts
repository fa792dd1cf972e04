import { MultipleTestingInputError } from "./errors.js";
import type { DiscreteTest } from "./discrete/nullDistribution.js";

/** p-values read from a file: plain values, and the discrete supports when the input carried them. */
export interface PValueInput {
  pValues: (number | null)[];
  /** Present only for JSON input of {pValue, support} objects. */
  tests: DiscreteTest[] | null;
}

const missingTokens = new Set(["", "NA", "NAN", "NULL"]);

/**
 * Parses a p-value list. Plain text: one p-value per line; NA, NaN, null or an empty line is missing (a
 * final newline does not add a line). JSON (first character "[" or "{"): an array of numbers/null, or of
 * {"pValue": p, "support": [attainable p-values ascending, ending at 1] or null (continuous test)},
 * optionally wrapped as {"tests": [...]}.
 * Errors name the source and the 1-based line (plain text) or item (JSON).
 */
export function parsePValueInput(text: string, source: string): PValueInput {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) return parseJson(trimmed, source);
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const pValues = lines.map((line, index) => {
    const token = line.trim();
    if (missingTokens.has(token.toUpperCase())) return null;
    const value = Number(token);
    if (!Number.isFinite(value)) {
      throw new MultipleTestingInputError(`${source}, line ${index + 1}: '${token}' is not a number or NA`);
    }
    if (value < 0 || value > 1) {
      throw new MultipleTestingInputError(`${source}, line ${index + 1}: p-value ${token} is outside [0, 1]`);
    }
    return value;
  });
  return { pValues, tests: null };
}

function parseJson(text: string, source: string): PValueInput {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new MultipleTestingInputError(`${source}: invalid JSON (${(error as Error).message})`);
  }
  const items = Array.isArray(document) ? document : (document as { tests?: unknown } | null)?.tests;
  if (!Array.isArray(items)) {
    throw new MultipleTestingInputError(`${source}: expected a JSON array of p-values or of {pValue, support}, or {"tests": [...]}`);
  }
  const withSupport = items.length > 0 && items.every((item) => typeof item === "object" && item !== null);
  const pValues = items.map((item, index) => checkedP(withSupport ? (item as { pValue?: unknown }).pValue : item, source, index));
  if (!withSupport) return { pValues, tests: null };
  const tests = items.map((item, index) => {
    const support = (item as { support?: unknown }).support;
    if (support === null) return { pValue: pValues[index], support: null };
    if (!Array.isArray(support) || !support.every((a) => typeof a === "number")) {
      throw new MultipleTestingInputError(`${source}, test ${index + 1}: "support" must be an array of numbers, or null for a continuous test`);
    }
    return { pValue: pValues[index], support: support as number[] };
  });
  return { pValues, tests };
}

function checkedP(value: unknown, source: string, index: number): number | null {
  if (value === null || value === "NA") return null;
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
    throw new MultipleTestingInputError(`${source}, item ${index + 1}: ${JSON.stringify(value)} is not a p-value in [0, 1] or null`);
  }
  return value;
}
