import {
  type DataColumns,
  type LevelOrders,
  type ModelTerms,
  type RandomTermStructure,
  type Variable,
  dropRankDeficientColumns,
  factorValues,
  isFactorVariable,
  modelMatrix,
  numericValues,
  randomEffectsStructure,
  rowsWithoutMissing,
} from "@biomarker/lmm";
import { GlmmInputError } from "../errors.js";
import type { Family } from "../family/family.js";
import { type GlmmResponse, glmmTerms } from "../formula/response.js";

/** Everything about a GLMM that does not depend on the parameters. */
export interface GlmmDesign {
  readonly terms: ModelTerms;
  readonly family: Family;
  /** 0-based data rows used (complete cases). */
  readonly rows: Int32Array;
  readonly nDropped: number;
  readonly n: number;
  readonly p: number;
  /** n x p fixed-effects design, column-major, rank-deficient columns dropped as lme4 does. */
  readonly x: Float64Array;
  readonly fixedNames: string[];
  readonly droppedColumns: string[];
  readonly random: RandomTermStructure[];
  /** Columns of Z. */
  readonly q: number;
  /** Successes (binomial) or counts (Poisson). */
  readonly y: Float64Array;
  /** Binomial trials per observation (1 for a 0/1 response and for Poisson). */
  readonly trials: Float64Array;
  /** Sum of the offset() terms (0 without). */
  readonly offset: Float64Array;
  readonly levels: LevelOrders;
}

export interface GlmmDesignOptions {
  /** Explicit level orders for factor columns (the first level is the reference). */
  readonly levels?: LevelOrders;
}

function responseVariables(response: GlmmResponse): Variable[] {
  if (response.kind === "single") return [response.variable];
  if (response.kind === "successesTrials") return [response.successes, response.trials];
  return [response.successes, response.failures];
}

/** Model frame and matrices of a GLMM: complete cases over every column used, X, Z's structure, y, trials,
 *  offset. Counts must be whole and non-negative, successes at most the trials (as glmer's binomial and
 *  poisson families require). */
export function buildGlmmDesign(data: DataColumns, formula: string, family: Family, options: GlmmDesignOptions = {}): GlmmDesign {
  const { terms, response } = glmmTerms(formula);
  const text = terms.formula;
  const used = [...responseVariables(response), ...terms.fixed.variables, ...(terms.offsets ?? [])];
  for (const r of terms.random) used.push(...r.effects.variables, ...r.grouping);
  const rows = rowsWithoutMissing(data, used, text);
  const nTotal = data[used[0].column]?.length ?? 0;
  if (rows.length === 0) throw new GlmmInputError("no complete rows: every row has a missing value in a column the formula uses");
  for (const v of responseVariables(response)) {
    if (isFactorVariable(data, v, text)) throw new GlmmInputError(`the response column '${v.column}' must be numeric`);
  }
  if (response.kind !== "single" && family.name !== "binomial") {
    throw new GlmmInputError("cbind(successes, failures) is a binomial response; use --family binomial");
  }
  const n = rows.length;
  let y: Float64Array;
  let trials: Float64Array;
  if (response.kind === "single") {
    y = numericValues(data, response.variable, rows, text);
    trials = new Float64Array(n).fill(1);
  } else {
    y = numericValues(data, response.successes, rows, text);
    const second = numericValues(data, response.kind === "successesTrials" ? response.trials : response.failures, rows, text);
    trials = response.kind === "successesTrials" ? second : second.map((f, i) => f + y[i]);
  }
  const responseLabel = response.kind === "single" ? response.variable.column : response.successes.column;
  for (let i = 0; i < n; i++) {
    const row = rows[i] + 2;
    if (!Number.isInteger(y[i]) || y[i] < 0) {
      throw new GlmmInputError(`column '${responseLabel}' must hold non-negative whole counts: row ${row} holds ${y[i]}`);
    }
    if (family.name === "binomial") {
      if (!Number.isInteger(trials[i]) || trials[i] < y[i]) {
        throw new GlmmInputError(`row ${row}: the trials (${trials[i]}) must be a whole number at least the successes (${y[i]})`);
      }
      if (response.kind === "single" && y[i] > 1) {
        throw new GlmmInputError(`a single-column binomial response must be 0 or 1: row ${row} holds ${y[i]}; use cbind(successes, failures)`);
      }
    }
  }
  const offset = new Float64Array(n);
  for (const v of terms.offsets ?? []) {
    const values = numericValues(data, v, rows, text);
    for (let i = 0; i < n; i++) offset[i] += values[i];
  }
  const fixed = dropRankDeficientColumns(modelMatrix(data, terms.fixed, rows, text, options.levels));
  const random = randomEffectsStructure(data, terms.random, rows, text, options.levels, true);
  const levels: Record<string, string[]> = {};
  for (const v of [...terms.fixed.variables, ...terms.random.flatMap((r) => r.effects.variables)]) {
    if (isFactorVariable(data, v, text)) levels[v.column] = factorValues(data, v, rows, text, options.levels).levels;
  }
  const q = random.reduce((s, t) => s + t.columnNames.length * t.levels.length, 0);
  return {
    terms,
    family,
    rows,
    nDropped: nTotal - n,
    n,
    p: fixed.names.length,
    x: fixed.matrix,
    fixedNames: fixed.names,
    droppedColumns: fixed.dropped,
    random,
    q,
    y,
    trials,
    offset,
    levels,
  };
}
