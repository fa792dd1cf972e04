import { checkOptions } from "@biomarker/numerics";
import { correlationTest } from "./correlationTest.js";
import { CorrelationInputError } from "./errors.js";
import type { NumericColumn } from "./pairs.js";
import { repeatedMeasuresCorrelation } from "./rmcorr.js";
import { type CorrelationMethod, type CorrelationOptions, type CorrelationResult, correlationOptionSpec } from "./types.js";
import { type WithinResult, withinSubjectAssociation } from "./within.js";

export interface CorrelationMatrixInput {
  /** Features, in output order; every column has one entry per observation. */
  x: Record<string, NumericColumn>;
  /** Clinical variables, in output order. */
  y: Record<string, NumericColumn>;
  /** Censoring masks (below the LLOQ) by column name, for either side. */
  censored?: Record<string, ArrayLike<boolean>>;
  /** Subject of each observation: required for methods "rmcorr" and "within". */
  subject?: ArrayLike<string | number>;
  /** Visit of each observation (a factor): required for method "within". */
  visit?: ArrayLike<string | number>;
}

export interface CorrelationMatrixOptions extends Omit<CorrelationOptions, "method" | "censoredX" | "censoredY"> {
  /** Default "spearman". */
  method?: CorrelationMethod | "rmcorr" | "within";
  /** Denominator df of method "within" (default "satterthwaite"). */
  ddf?: "satterthwaite" | "kenward-roger";
  /**
   * Multiplicity adjustment of the table's p-values, e.g. `(p) => pAdjust(p, "BH")` from
   * @biomarker/multiple-testing (passed in, so this package does not depend on it). Receives the
   * p-values (of options.alternative) in row order (null where undefined) and returns the adjusted ones.
   */
  adjust?: (pValues: (number | null)[]) => (number | null)[];
}

export type CorrelationRow = (CorrelationResult | WithinResult) & {
  x: string;
  y: string;
  /** Adjusted p-value from options.adjust; null without it or where pValue is null. */
  pAdjusted: number | null;
};

/**
 * Matrix mode: every x column against every y column -> one long table (x-major order) with two-sided
 * p-values (method "within": the visit-adjusted within-subject slope of withinSubjectAssociation), adjusted across the table when options.adjust is given. Exact nulls and Monte Carlo null
 * samples are shared between all pairs with the same tie pattern (one enumeration per pattern).
 */
export function correlationMatrix(input: CorrelationMatrixInput, options: CorrelationMatrixOptions = {}): CorrelationRow[] {
  const { censoredX: _x, censoredY: _y, ...shared } = correlationOptionSpec;
  checkOptions("correlationMatrix", options, { ...shared, method: ["spearman", "pearson", "kendall", "rmcorr", "within"], ddf: ["satterthwaite", "kenward-roger"], adjust: "function" });
  const method = options.method ?? "spearman";
  const lengths = new Set([...Object.values(input.x), ...Object.values(input.y)].map((c) => c.length));
  if (lengths.size > 1) throw new CorrelationInputError(`columns differ in length (${[...lengths].join(", ")})`);
  if (method === "rmcorr" && input.subject === undefined) {
    throw new CorrelationInputError("method rmcorr needs the subject of each observation");
  }
  if (method === "within" && (input.subject === undefined || input.visit === undefined)) {
    throw new CorrelationInputError("method within needs the subject and the visit of each observation");
  }
  if (options.ddf !== undefined && method !== "within") throw new CorrelationInputError(`ddf applies to method within only (method ${method})`);
  const rows: CorrelationRow[] = [];
  for (const [xName, x] of Object.entries(input.x)) {
    for (const [yName, y] of Object.entries(input.y)) {
      const censoredX = input.censored?.[xName];
      const censoredY = input.censored?.[yName];
      const result: CorrelationResult | WithinResult =
        method === "within"
          ? withinSubjectAssociation(input.subject!, input.visit!, x, y, { ddf: options.ddf, confLevel: options.confLevel, censoredX, censoredY })
          : method === "rmcorr"
          ? repeatedMeasuresCorrelation(input.subject!, x, y, { confLevel: options.confLevel, alternative: options.alternative, censoredX, censoredY })
          : correlationTest(x, y, { pValue: options.pValue, alternative: options.alternative, permutations: options.permutations, seed: options.seed, confLevel: options.confLevel, method, censoredX, censoredY });
      rows.push({ x: xName, y: yName, ...result, pAdjusted: null });
    }
  }
  if (options.adjust !== undefined) {
    const adjusted = options.adjust(rows.map((r) => r.pValue));
    if (adjusted.length !== rows.length) {
      throw new CorrelationInputError(`adjust returned ${adjusted.length} values for ${rows.length} p-values`);
    }
    rows.forEach((row, k) => (row.pAdjusted = row.pValue === null ? null : adjusted[k]));
  }
  return rows;
}
