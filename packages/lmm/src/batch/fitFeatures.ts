import { type ModelDesign, buildDesign } from "../design/design.js";
import { type DataColumns, type LevelOrders, completeRows, numericValues } from "../design/frame.js";
import type { ModelTerms } from "../formula/terms.js";
import { fitDesign } from "../fit/fit.js";
import { PenalizedLeastSquares } from "../fit/pls.js";
import { type LmmSummary, summarize } from "../fit/result.js";
import { denominatorDf } from "../inference/lmmInference.js";

/** One row of a per-feature batch: the fit's summary, or the reason it failed. */
export type FeatureFit = ({ feature: string; error: null } & LmmSummary) | { feature: string; error: string; warnings: string[] };

export interface FeatureTask {
  readonly feature: string;
  readonly data: DataColumns;
}

export interface BatchFitOptions {
  readonly reml?: boolean;
  readonly levels?: LevelOrders;
  /** Denominator df for the fixed-effect tests of every feature (default "none": df and p null). */
  readonly ddf?: "none" | "satterthwaite" | "kenward-roger";
  /** df on singular fits (see LmmInferenceOptions.singularDf). */
  readonly singularDf?: "as-fitted" | "kenward-roger";
}

/** Columns other than the response that the design depends on. */
function designColumns(terms: ModelTerms): string[] {
  const columns = new Set<string>();
  for (const v of terms.fixed.variables) columns.add(v.column);
  for (const r of terms.random) for (const v of [...r.effects.variables, ...r.grouping]) columns.add(v.column);
  columns.delete(terms.response.column);
  return [...columns];
}

/**
 * Fits one model per feature, reusing the design (X, Z, the PLS cross-products of everything but y)
 * across features whose covariates and complete rows are identical: the usual case of one long table
 * with the same subjects and visits for every feature. A feature whose fit fails is reported in its row.
 */
export class FeatureFitter {
  private readonly columns: string[];
  private cacheKey = "";
  private cached: { design: ModelDesign; pls: PenalizedLeastSquares } | null = null;

  constructor(
    private readonly terms: ModelTerms,
    private readonly options: BatchFitOptions,
  ) {
    this.columns = designColumns(terms);
  }

  fit(task: FeatureTask): FeatureFit {
    try {
      const rows = completeRows(task.data, this.terms);
      const key = this.keyOf(task.data, rows);
      let design: ModelDesign;
      let y: Float64Array;
      if (this.cached && key === this.cacheKey) {
        design = this.cached.design;
        y = numericValues(task.data, this.terms.response, rows, this.terms.formula);
        let constant = true;
        for (let i = 1; i < y.length; i++) if (y[i] !== y[0]) constant = false;
        if (constant) throw new Error(`the response is constant (${y[0]}); there is nothing to model`);
        design = { ...design, y, nDropped: task.data[this.terms.response.column].length - rows.length };
      } else {
        design = buildDesign(task.data, this.terms, { levels: this.options.levels });
        y = design.y;
        this.cacheKey = key;
        this.cached = { design, pls: new PenalizedLeastSquares(design.x, design.n, design.p, design.random) };
      }
      const fitted = fitDesign(design, y, this.options.reml ?? true, undefined, this.cached.pls);
      const summary = summarize(design, fitted);
      const ddf = this.options.ddf ?? "none";
      if (ddf !== "none") summary.fixedEffects = denominatorDf(ddf, { singularDf: this.options.singularDf })({ model: fitted.model });
      return { feature: task.feature, error: null, ...summary };
    } catch (error) {
      return { feature: task.feature, error: error instanceof Error ? error.message : String(error), warnings: [] };
    }
  }

  private keyOf(data: DataColumns, rows: Int32Array): string {
    const parts: string[] = [Array.from(rows).join(",")];
    for (const c of this.columns) {
      const column = data[c];
      if (!column) return "";
      const values: string[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) values[i] = String(column[rows[i]]);
      parts.push(values.join("\u0001"));
    }
    return parts.join("\u0002");
  }
}
