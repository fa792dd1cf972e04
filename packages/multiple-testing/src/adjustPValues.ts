import { discreteBH } from "./discrete/discreteBH.js";
import { MultipleTestingInputError } from "./errors.js";
import { pAdjust, pAdjustMethods, type PAdjustMethod } from "./padjust/pAdjust.js";
import { parsePValueInput } from "./pValueInput.js";
import { qvalue } from "./qvalue/qvalue.js";

export const adjustmentMethods = [...pAdjustMethods, "qvalue", "dbh"] as const;
export type AdjustmentMethod = PAdjustMethod | "qvalue" | "dbh";

/** What `biomarker adjust --json` prints. */
export interface Adjustment {
  method: AdjustmentMethod;
  /** Adjusted values in input order; null where the input was missing. */
  adjusted: (number | null)[];
  /** Storey's pi0 for "qvalue", else null. */
  pi0: number | null;
}

/**
 * Reads a p-value list (see parsePValueInput) and adjusts it:
 * holm ... none: pAdjust; qvalue: Storey q-values with qvalue's default pi0 smoother;
 * dbh: the DBH step-down adjusted p-values (Doehler et al. 2018), which need each test's null support, so
 * the input must be JSON {pValue, support} objects.
 */
export function adjustPValueText(text: string, source: string, method: AdjustmentMethod): Adjustment {
  if (!(adjustmentMethods as readonly string[]).includes(method)) {
    throw new MultipleTestingInputError(`unknown method '${String(method)}'; use one of ${adjustmentMethods.join(", ")}`);
  }
  const input = parsePValueInput(text, source);
  if (method === "dbh") {
    if (input.tests === null) {
      throw new MultipleTestingInputError(
        `${source}: --method dbh needs each test's null support; give a JSON array of ` +
          `{"pValue": p, "support": [attainable p-values ascending, ending at 1]}`,
      );
    }
    return { method, adjusted: discreteBH(input.tests, { direction: "step-down" }).adjusted ?? [], pi0: null };
  }
  if (method === "qvalue") {
    const result = qvalue(input.pValues);
    return { method, adjusted: result.qvalues, pi0: result.pi0 };
  }
  return { method, adjusted: pAdjust(input.pValues, method), pi0: null };
}
