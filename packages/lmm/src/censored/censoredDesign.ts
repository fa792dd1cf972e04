import { type DesignOptions, type ModelDesign, buildDesign, parseModelFormula } from "../design/design.js";
import type { DataColumns } from "../design/frame.js";
import { LmmInputError } from "../errors.js";
import type { ModelTerms } from "../formula/terms.js";

/** Censoring of one observation: 0 observed, 1 left-censored (value < limit), 2 right-censored (value > limit). */
export const OBSERVED = 0;
export const LEFT = 1;
export const RIGHT = 2;

export interface CensoringColumns {
  /** Column holding "<", ">" or empty (default "censored"). */
  readonly censored: string;
  /** Column holding the limit of a censored row (default "limit"). */
  readonly limit: string;
}

/** A model design whose response holds the (transformed) limit on censored rows. */
export interface CensoredDesign {
  readonly design: ModelDesign;
  /** OBSERVED, LEFT or RIGHT per design row. */
  readonly censoring: Uint8Array;
  readonly nCensored: number;
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === "" || (typeof v === "number" && Number.isNaN(v)) || v === "NA";

/**
 * Builds the design of a censored model. A censored row has an empty value, "<" or ">" in the censoring
 * column and its limit in the limit column; the limit stands in the response (through the formula's
 * transform of the response, e.g. log10(value), so the limit is transformed like the values). A row with an
 * empty value and no censoring is missing and dropped like any other incomplete row.
 */
export function censoredDesign(
  data: DataColumns,
  formula: string | ModelTerms,
  columns: CensoringColumns,
  options: DesignOptions,
): CensoredDesign {
  const terms = parseModelFormula(formula);
  const response = terms.response.column;
  const values = data[response];
  if (values === undefined) throw new LmmInputError(`unknown column '${response}' (the response)`);
  const marks = data[columns.censored];
  const limits = data[columns.limit];
  const n = values.length;
  const code = new Uint8Array(n);
  const filled: (number | string | null)[] = Array.from(values, (v) => v);
  if (marks !== undefined) {
    for (let i = 0; i < n; i++) {
      const mark = marks[i];
      if (isEmpty(mark)) continue;
      const row = i + 1;
      if (mark !== "<" && mark !== ">") {
        throw new LmmInputError(`row ${row}, column '${columns.censored}': expected '<', '>' or empty, got '${mark}'`);
      }
      if (!isEmpty(values[i])) {
        throw new LmmInputError(`row ${row}: censored ('${mark}') but column '${response}' has a value (${values[i]}); a censored row has an empty value`);
      }
      if (limits === undefined) throw new LmmInputError(`row ${row}: censored ('${mark}') but there is no limit column '${columns.limit}'`);
      const limit = typeof limits[i] === "string" ? Number(limits[i]) : limits[i];
      if (isEmpty(limits[i]) || typeof limit !== "number" || !Number.isFinite(limit)) {
        throw new LmmInputError(`row ${row}, column '${columns.limit}': a censored row needs a finite limit, got '${limits[i] ?? ""}'`);
      }
      code[i] = mark === "<" ? LEFT : RIGHT;
      filled[i] = limit;
    }
  }
  const design = buildDesign({ ...data, [response]: filled }, terms, options);
  const censoring = new Uint8Array(design.n);
  let nCensored = 0;
  for (let k = 0; k < design.n; k++) {
    censoring[k] = code[design.rows[k]];
    if (censoring[k] !== OBSERVED) nCensored++;
  }
  return { design, censoring, nCensored };
}
