import { MultipleTestingInputError } from "../errors.js";
import { hommel } from "./hommel.js";
import { restoreMissing, splitMissing } from "./missing.js";
import { sidak, holmSidak } from "./sidak.js";
import { benjaminiHochberg, benjaminiYekutieli, bonferroni, hochberg, holm } from "./stepwise.js";

/** R's p.adjust methods, then Sidak's single-step and Holm's step-down Sidak adjustments. */
export const pAdjustMethods = ["holm", "hochberg", "hommel", "bonferroni", "BH", "BY", "none", "sidak", "holm-sidak"] as const;
export type PAdjustMethod = (typeof pAdjustMethods)[number];

/**
 * Adjusted p-values with R's `p.adjust(p, method, n)` semantics (and "sidak", "holm-sidak", which R lacks): missing values (null, undefined, NaN)
 * stay in place as null and are not counted; `n` (default: the number of present p-values) may be larger
 * to account for tests not passed in. Unlike R, a p-value outside [0, 1] is an input error.
 */
export function pAdjust(
  p: ArrayLike<number | null | undefined>,
  method: PAdjustMethod,
  n?: number,
): (number | null)[] {
  if (!(pAdjustMethods as readonly string[]).includes(method)) {
    throw new MultipleTestingInputError(
      `unknown p-value adjustment '${String(method)}'; use one of ${pAdjustMethods.join(", ")}`,
    );
  }
  const present = splitMissing(p);
  const m = present.values.length;
  const total = n ?? m;
  if (!Number.isInteger(total) || total < m) {
    throw new MultipleTestingInputError(`n = ${String(n)} must be an integer >= the ${m} non-missing p-values`);
  }
  return restoreMissing(present, adjustPresent(present.values, method, total));
}

function adjustPresent(p: Float64Array, method: PAdjustMethod, n: number): Float64Array {
  if (n <= 1) return p.slice();
  switch (method) {
    case "bonferroni":
      return bonferroni(p, n);
    case "holm":
      return holm(p, n);
    case "hochberg":
      return hochberg(p, n);
    // With two tests Hommel's procedure is Hochberg's (R switches too).
    case "hommel":
      return n === 2 ? hochberg(p, n) : hommel(p, n);
    case "BH":
      return benjaminiHochberg(p, n);
    case "BY":
      return benjaminiYekutieli(p, n);
    case "sidak":
      return sidak(p, n);
    case "holm-sidak":
      return holmSidak(p, n);
    case "none":
      return p.slice();
  }
}
