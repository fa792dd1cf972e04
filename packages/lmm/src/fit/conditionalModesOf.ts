import { LmmInputError } from "../errors.js";
import type { ConditionalModes } from "./result.js";

/**
 * The conditional modes (BLUPs) of one level of a grouping factor, by name, as lme4's
 * `ranef(fit)$group[level, ]`: term name -> mode. Terms of the same factor split by `||` (VarCorr names
 * "g", "g.1", ...) are merged as ranef merges them. Unknown groups or levels are input errors.
 */
export function conditionalModesOf(
  fit: { readonly randomEffects: readonly ConditionalModes[] },
  group: string,
  level: string,
): Record<string, number> {
  const sameFactor = (name: string) => name === group || new RegExp(`^${group.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.\\d+$`).test(name);
  const entries = fit.randomEffects.filter((e) => sameFactor(e.group));
  if (entries.length === 0) {
    const groups = [...new Set(fit.randomEffects.map((e) => e.group))];
    throw new LmmInputError(`no grouping factor '${group}' in the model; it has ${groups.join(", ")}`);
  }
  const modes: Record<string, number> = {};
  for (const e of entries) {
    const index = e.levels.indexOf(level);
    if (index < 0) {
      const shown = e.levels.slice(0, 10).join(", ") + (e.levels.length > 10 ? ", ..." : "");
      throw new LmmInputError(`'${level}' is not a level of ${group} in the fit; its levels are ${shown}`);
    }
    e.terms.forEach((term, k) => (modes[term] = e.modes[index][k]));
  }
  return modes;
}
