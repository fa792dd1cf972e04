import { parseModelFormula } from "../design/design.js";
import type { DataColumns } from "../design/frame.js";
import { LmmInputError } from "../errors.js";
import type { ModelTerms } from "../formula/terms.js";

/** Simple substitutions for censored values, kept for comparison with the likelihood. */
export type CensoredSubstitution = "half-limit" | "limit" | "exclude";

/**
 * A copy of data whose response holds a number for every censored row: "half-limit" puts limit / 2 for a
 * left-censored value (and the limit for a right-censored one, which has no natural halving), "limit" the
 * limit, "exclude" leaves the value empty so the row is dropped. The substitution is on the data scale,
 * before the formula's transform of the response.
 */
export function substituteCensored(
  data: DataColumns,
  formula: string | ModelTerms,
  method: CensoredSubstitution,
  columns: { censored?: string; limit?: string } = {},
): { data: DataColumns; nCensored: number } {
  if (method !== "half-limit" && method !== "limit" && method !== "exclude") {
    throw new LmmInputError(`censoring substitution must be half-limit, limit or exclude, got '${method}'`);
  }
  const response = parseModelFormula(formula).response.column;
  const values = data[response];
  const marks = data[columns.censored ?? "censored"];
  const limits = data[columns.limit ?? "limit"];
  if (values === undefined) throw new LmmInputError(`unknown column '${response}' (the response)`);
  if (marks === undefined) return { data, nCensored: 0 };
  const out = Array.from(values, (v) => v);
  let nCensored = 0;
  for (let i = 0; i < out.length; i++) {
    const mark = marks[i];
    if (mark !== "<" && mark !== ">") continue;
    nCensored++;
    const limit = limits ? Number(limits[i]) : NaN;
    if (method !== "exclude" && !Number.isFinite(limit)) throw new LmmInputError(`row ${i + 1}: a censored row needs a finite limit`);
    out[i] = method === "exclude" ? null : method === "half-limit" && mark === "<" ? limit / 2 : limit;
  }
  return { data: { ...data, [response]: out }, nCensored };
}
