import { LmmInputError } from "../errors.js";
import type { RandomTermSpec } from "../formula/terms.js";
import type { RandomTermStructure } from "../fit/model.js";
import { type DataColumns, type LevelOrders, factorValues } from "./frame.js";
import { modelMatrix } from "./fixed.js";

/** Combined coding of the grouping variables of one term (a:b = observed combinations, sorted by a then b). */
function groupingCoding(data: DataColumns, spec: RandomTermSpec, rows: Int32Array, formula: string, orders: LevelOrders | undefined) {
  const parts = spec.grouping.map((v) => factorValues(data, v, rows, formula, orders));
  if (parts.length === 1) return parts[0];
  const keyOf = (i: number) => parts.map((p) => p.codes[i]);
  const seen = new Map<string, number[]>();
  for (let i = 0; i < rows.length; i++) {
    const key = keyOf(i);
    seen.set(key.join(","), key);
  }
  const combos = [...seen.values()].sort((a, b) => {
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] - b[k];
    return 0;
  });
  const index = new Map(combos.map((c, k) => [c.join(","), k]));
  const codes = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) codes[i] = index.get(keyOf(i).join(",")) as number;
  return { codes, levels: combos.map((c) => c.map((code, k) => parts[k].levels[code]).join(":")) };
}

/**
 * Random-effects structure: per term, its covariates (the term's model matrix), the grouping level of
 * every observation, and its place in Z and theta. Terms are ordered as lme4's mkReTrms orders them: when
 * the numbers of levels are not already non-increasing, by rev(order(nlevels)) (decreasing; ties end up
 * in reverse order of appearance, exactly as R's expression does).
 */
export function randomEffectsStructure(
  data: DataColumns,
  specs: readonly RandomTermSpec[],
  rows: Int32Array,
  formula: string,
  orders: LevelOrders | undefined,
): RandomTermStructure[] {
  const n = rows.length;
  const built = specs.map((spec) => {
    const covariates = modelMatrix(data, spec.effects, rows, formula, orders);
    const grouping = groupingCoding(data, spec, rows, formula, orders);
    return { spec, covariates, grouping };
  });
  for (const { spec, covariates, grouping } of built) {
    const nl = grouping.levels.length;
    if (nl < 2) throw new LmmInputError(`grouping factor '${spec.groupLabel}' has only ${nl} level; a random effect needs at least 2`);
    if (nl >= n) {
      throw new LmmInputError(`grouping factor '${spec.groupLabel}' has ${nl} levels for ${n} observations; it must have fewer levels than observations`);
    }
    const q = nl * covariates.names.length;
    if (q >= n) {
      throw new LmmInputError(
        `the term (${covariates.names.join(" + ")} | ${spec.groupLabel}) has ${q} random effects for ${n} observations; ` +
          "there must be fewer random effects than observations",
      );
    }
  }
  let order = built.map((_, k) => k);
  const nl = built.map((b) => b.grouping.levels.length);
  if (nl.some((v, k) => k > 0 && v > nl[k - 1])) {
    order = order.sort((a, b) => nl[a] - nl[b] || a - b).reverse();
  }
  let zOffset = 0;
  let thetaOffset = 0;
  return order.map((k) => {
    const { spec, covariates, grouping } = built[k];
    const p = covariates.names.length;
    const term: RandomTermStructure = {
      group: spec.groupLabel,
      columnNames: covariates.names,
      levels: grouping.levels,
      levelOfObservation: grouping.codes,
      covariates: covariates.matrix,
      zOffset,
      thetaOffset,
      nTheta: (p * (p + 1)) / 2,
    };
    zOffset += p * grouping.levels.length;
    thetaOffset += term.nTheta;
    return term;
  });
}
