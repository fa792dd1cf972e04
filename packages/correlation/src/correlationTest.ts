import { checkOptions } from "@biomarker/numerics";
import { CorrelationInputError } from "./errors.js";
import { kendallTest } from "./kendall/kendall.js";
import type { NumericColumn } from "./pairs.js";
import { pearsonTest } from "./pearson.js";
import { spearmanTest } from "./spearman/spearman.js";
import { type CorrelationOptions, type CorrelationResult, correlationOptionSpec } from "./types.js";

/** One bivariate correlation test; `options.method` picks Spearman (default), Pearson or Kendall. */
export function correlationTest(x: NumericColumn, y: NumericColumn, options: CorrelationOptions = {}): CorrelationResult {
  checkOptions("correlationTest", options, correlationOptionSpec);
  const method = options.method ?? "spearman";
  switch (method) {
    case "spearman":
      return spearmanTest(x, y, options);
    case "pearson":
      return pearsonTest(x, y, options);
    case "kendall":
      return kendallTest(x, y, options);
    default:
      throw new CorrelationInputError(`unknown correlation method '${String(method)}'`);
  }
}
