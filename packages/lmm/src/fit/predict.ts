import { checkOptions } from "@biomarker/numerics";
import { modelMatrix } from "../design/fixed.js";
import { type DataColumns, rowsWithoutMissing } from "../design/frame.js";
import { LmmInputError } from "../errors.js";
import type { Variable } from "../formula/terms.js";
import type { LmmFit } from "./result.js";

export interface PredictOptions {
  /** "population": X beta; "subject" (default): X beta + Z b with the conditional modes. */
  readonly level?: "population" | "subject";
}

/**
 * Predictions for new data, as lme4's predict.merMod: population level (re.form = NA) or subject level
 * (re.form = NULL). A grouping level not seen in the fit contributes 0 (lme4's allow.new.levels = TRUE).
 * Factors use the fit's levels and reference; a row with a missing covariate predicts null.
 */
export function predictLmm(fit: LmmFit, newData: DataColumns, options: PredictOptions = {}): (number | null)[] {
  checkOptions("predictLmm", options, { level: ["population", "subject"] });
  const { design, model } = fit;
  const terms = design.terms;
  const subject = (options.level ?? "subject") === "subject";
  const used: Variable[] = [...terms.fixed.variables];
  if (subject) for (const r of terms.random) used.push(...r.effects.variables, ...r.grouping);
  const rows = rowsWithoutMissing(newData, used, terms.formula);
  const nAll = Object.values(newData)[0]?.length ?? 0;
  const n = rows.length;
  const x = modelMatrix(newData, terms.fixed, rows, terms.formula, design.levels, true);
  const eta = new Float64Array(n);
  design.fixedNames.forEach((name, j) => {
    const k = x.names.indexOf(name);
    if (k < 0) throw new LmmInputError(`new data cannot form the fixed-effect column '${name}'`);
    for (let i = 0; i < n; i++) eta[i] += x.matrix[i + n * k] * model.beta[j];
  });
  if (subject) {
    for (const spec of terms.random) {
      const z = modelMatrix(newData, spec.effects, rows, terms.formula, design.levels, true);
      const term = design.random.find((t) => t.group === spec.groupLabel && t.columnNames.join("\u0001") === z.names.join("\u0001"));
      if (!term) throw new LmmInputError(`new data cannot form the random-effect columns of (${z.names.join(" + ")} | ${spec.groupLabel})`);
      const levelIndex = new Map(term.levels.map((l, k) => [l, k]));
      const grouping = spec.grouping.map((v) => newData[v.column]);
      const pt = term.columnNames.length;
      for (let i = 0; i < n; i++) {
        const label = grouping.map((column) => String(column[rows[i]])).join(":");
        const level = levelIndex.get(label);
        if (level === undefined) continue;
        const o = term.zOffset + level * pt;
        for (let k = 0; k < pt; k++) eta[i] += z.matrix[i + n * k] * model.b[o + k];
      }
    }
  }
  const out: (number | null)[] = new Array(nAll).fill(null);
  for (let i = 0; i < n; i++) out[rows[i]] = eta[i];
  return out;
}
