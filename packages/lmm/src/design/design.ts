import { checkOptions } from "@biomarker/numerics";
import { LmmInputError } from "../errors.js";
import { parseFormula } from "../formula/parse.js";
import { type ModelTerms, modelTerms } from "../formula/terms.js";
import type { RandomTermStructure } from "../fit/model.js";
import { type DataColumns, type LevelOrders, completeRows, factorValues, isFactorVariable, numericValues } from "./frame.js";
import { dropRankDeficientColumns, modelMatrix } from "./fixed.js";
import { randomEffectsStructure } from "./random.js";

/** Everything about a model that does not depend on the parameters: the data side of a fit. */
export interface ModelDesign {
  readonly terms: ModelTerms;
  /** 0-based indices of the data rows used (complete cases). */
  readonly rows: Int32Array;
  /** Rows dropped because a used column was missing. */
  readonly nDropped: number;
  readonly n: number;
  readonly p: number;
  readonly x: Float64Array;
  readonly fixedNames: string[];
  /** Fixed-effect columns dropped as linear combinations of others. */
  readonly droppedColumns: string[];
  readonly random: RandomTermStructure[];
  readonly y: Float64Array;
  /** Level order of every factor column used, for predictions on new data. */
  readonly levels: LevelOrders;
}

export interface DesignOptions {
  /** Explicit level orders for factor columns (the first level is the reference). */
  readonly levels?: LevelOrders;
}

export function parseModelFormula(formula: string | ModelTerms): ModelTerms {
  return typeof formula === "string" ? modelTerms(parseFormula(formula)) : formula;
}

export function buildDesign(data: DataColumns, formula: string | ModelTerms, options: DesignOptions = {}): ModelDesign {
  checkOptions("buildDesign", options, { levels: "object" });
  const terms = parseModelFormula(formula);
  const text = terms.formula;
  if (isFactorVariable(data, terms.response, text)) {
    throw new LmmInputError(`the response '${terms.response.column}' must be numeric`);
  }
  const rows = completeRows(data, terms);
  const nTotal = data[terms.response.column].length;
  if (rows.length === 0) throw new LmmInputError(`no complete rows: every row has a missing value in a column the formula uses`);
  const y = numericValues(data, terms.response, rows, text);
  let constant = true;
  for (let i = 1; i < y.length; i++) if (y[i] !== y[0]) constant = false;
  if (constant) throw new LmmInputError(`the response '${terms.response.label}' is constant (${y[0]}); there is nothing to model`);
  const fixed = dropRankDeficientColumns(modelMatrix(data, terms.fixed, rows, text, options.levels));
  const random = randomEffectsStructure(data, terms.random, rows, text, options.levels);
  const levels: Record<string, string[]> = {};
  const variables = [...terms.fixed.variables, ...terms.random.flatMap((r) => r.effects.variables)];
  for (const v of variables) {
    if (isFactorVariable(data, v, text)) levels[v.column] = factorValues(data, v, rows, text, options.levels).levels;
  }
  return {
    terms,
    rows,
    nDropped: nTotal - rows.length,
    n: rows.length,
    p: fixed.names.length,
    x: fixed.matrix,
    fixedNames: fixed.names,
    droppedColumns: fixed.dropped,
    random,
    y,
    levels,
  };
}
