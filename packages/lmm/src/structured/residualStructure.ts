import { LmmInputError } from "../errors.js";
import type { DataColumns } from "../design/frame.js";

/**
 * Residual structures of nlme (Pinheiro & Bates 2000, ch. 5): within a group, Var(e) = sigma^2 D C(phi) D,
 * C a correlation matrix and D = diag(delta of each observation's stratum), delta = 1 for the reference.
 *
 *   corCAR1(~ t | g)      C_jk = phi^|t_j - t_k|, 0 < phi < 1 (continuous-time AR(1))
 *   corAR1(~ 1 | g)       C_jk = phi^|j - k|, j, k positions within the group in data order (or an integer covariate)
 *   corCompSymm(~ 1 | g)  C_jk = rho, j != k
 *   varIdent(~ 1 | s)     delta_s = residual SD of stratum s / SD of the reference stratum
 */
export type CorrelationType = "corCAR1" | "corAR1" | "corCompSymm";

export interface CorrelationSpec {
  readonly type: CorrelationType;
  /** Time covariate, null for `~ 1`. */
  readonly covariate: string | null;
  readonly group: string;
  readonly text: string;
}

export interface VarianceSpec {
  readonly type: "varIdent";
  readonly stratum: string;
  readonly text: string;
}

const NAME = "([A-Za-z.][A-Za-z0-9._]*)";
const CORRELATION = new RegExp(`^\\s*(corCAR1|corAR1|corCompSymm)\\s*\\(\\s*(?:form\\s*=\\s*)?~\\s*(1|${NAME})\\s*\\|\\s*${NAME}\\s*\\)\\s*$`);
const VARIANCE = new RegExp(`^\\s*varIdent\\s*\\(\\s*(?:form\\s*=\\s*)?~\\s*1\\s*\\|\\s*${NAME}\\s*\\)\\s*$`);

/** Parses "corCAR1(~ day | subject)", "corAR1(~ 1 | subject)", "corCompSymm(~ 1 | subject)". */
export function parseCorrelation(text: string): CorrelationSpec {
  const m = CORRELATION.exec(text);
  if (!m) {
    throw new LmmInputError(
      `correlation '${text}': expected corCAR1(~ time | group), corAR1(~ 1 | group) or corCompSymm(~ 1 | group)`,
    );
  }
  const type = m[1] as CorrelationType;
  const covariate = m[2] === "1" ? null : m[2];
  if (type === "corCompSymm" && covariate !== null) {
    throw new LmmInputError(`correlation '${text}': corCompSymm takes no covariate; write corCompSymm(~ 1 | ${m[4]})`);
  }
  return { type, covariate, group: m[4], text: text.trim() };
}

/** Parses "varIdent(~ 1 | visit)". */
export function parseVariance(text: string): VarianceSpec {
  const m = VARIANCE.exec(text);
  if (!m) throw new LmmInputError(`weights '${text}': expected varIdent(~ 1 | stratum)`);
  return { type: "varIdent", stratum: m[1], text: text.trim() };
}

/** Rows' values of a structure column; a missing value in a row the fit uses is an error (never dropped). */
function columnValues(data: DataColumns, column: string, rows: Int32Array, what: string): (number | string)[] {
  const values = data[column];
  if (values === undefined) throw new LmmInputError(`${what}: unknown column '${column}'`);
  return Array.from(rows, (r) => {
    const v = values[r];
    if (v === null || v === "" || v === "NA" || (typeof v === "number" && Number.isNaN(v))) {
      throw new LmmInputError(`${what}: row ${r + 1}, column '${column}': missing value`);
    }
    return v;
  });
}

/** Group codes in first-appearance order. */
function codesOf(values: readonly (number | string)[]): { codes: Int32Array; levels: string[] } {
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    const key = String(v);
    let c = index.get(key);
    if (c === undefined) index.set(key, (c = index.size));
    codes[i] = c;
  });
  return { codes, levels: [...index.keys()] };
}

/** The correlation structure on the fitted rows: group of every observation and the lag between pairs. */
export interface CorrelationStructure {
  readonly spec: CorrelationSpec;
  readonly groupOf: Int32Array;
  /** Lag of observations i, j of one group: |t_i - t_j| (corCAR1, corAR1); unused for corCompSymm. */
  readonly position: Float64Array;
  /** Largest group size (bounds corCompSymm's rho below by -1/(m - 1)). */
  readonly maxGroupSize: number;
}

export function correlationStructure(spec: CorrelationSpec, data: DataColumns, rows: Int32Array): CorrelationStructure {
  const what = `correlation '${spec.text}'`;
  const { codes: groupOf, levels } = codesOf(columnValues(data, spec.group, rows, what));
  const sizes = new Int32Array(levels.length);
  const position = new Float64Array(rows.length);
  if (spec.covariate === null) {
    // nlme's `~ 1`: positions 1, 2, ... within the group in data order.
    for (let i = 0; i < rows.length; i++) position[i] = ++sizes[groupOf[i]];
  } else {
    const t = columnValues(data, spec.covariate, rows, what);
    t.forEach((v, i) => {
      const x = typeof v === "number" ? v : Number(v);
      if (!Number.isFinite(x)) throw new LmmInputError(`${what}: row ${rows[i] + 1}, column '${spec.covariate}': '${v}' is not a number`);
      if (spec.type === "corAR1" && !Number.isInteger(x)) {
        throw new LmmInputError(`${what}: row ${rows[i] + 1}, column '${spec.covariate}': corAR1 needs integer positions (use corCAR1 for continuous time)`);
      }
      position[i] = x;
      sizes[groupOf[i]]++;
    });
    const seen = new Set<string>();
    for (let i = 0; i < rows.length; i++) {
      const key = `${groupOf[i]}:${position[i]}`;
      if (seen.has(key)) {
        throw new LmmInputError(`${what}: row ${rows[i] + 1}: '${spec.covariate}' = ${position[i]} occurs twice in ${spec.group} '${levels[groupOf[i]]}'; times must be unique within a group`);
      }
      seen.add(key);
    }
  }
  return { spec, groupOf, position, maxGroupSize: Math.max(...sizes) };
}

/**
 * Unconstrained <-> natural parameter, as nlme's coef(unconstrained = TRUE):
 * corCAR1 phi = e^u / (1 + e^u); corAR1 phi = (e^u - 1) / (e^u + 1);
 * corCompSymm rho = (e^u - a) / (e^u + 1), a = 1 / (m - 1), so -a < rho < 1.
 */
export function naturalCorrelation(c: CorrelationStructure, u: number): number {
  const e = Math.exp(u);
  if (c.spec.type === "corCAR1") return e / (1 + e);
  if (c.spec.type === "corAR1") return (e - 1) / (e + 1);
  const a = 1 / Math.max(c.maxGroupSize - 1, 1);
  return (e - a) / (e + 1);
}

export function unconstrainedCorrelation(c: CorrelationStructure, value: number): number {
  if (c.spec.type === "corCAR1") return Math.log(value / (1 - value));
  if (c.spec.type === "corAR1") return Math.log((1 + value) / (1 - value));
  const a = 1 / Math.max(c.maxGroupSize - 1, 1);
  return Math.log((value + a) / (1 - value));
}

/** varIdent on the fitted rows: stratum of every observation, stratum 0 the reference. */
export interface VarianceStructure {
  readonly spec: VarianceSpec;
  readonly stratumOf: Int32Array;
  /** Strata in nlme's order: first appearance in the data sorted (stably) by the grouping factor. */
  readonly strata: string[];
}

export function varianceStructure(spec: VarianceSpec, data: DataColumns, rows: Int32Array, groupOrder: Int32Array): VarianceStructure {
  const values = columnValues(data, spec.stratum, rows, `weights '${spec.text}'`);
  const ordered = Array.from(groupOrder, (i) => values[i]);
  const { levels } = codesOf(ordered);
  if (levels.length < 2) throw new LmmInputError(`weights '${spec.text}': '${spec.stratum}' has one level; varIdent needs at least 2`);
  const index = new Map(levels.map((l, k) => [l, k]));
  const stratumOf = Int32Array.from(values, (v) => index.get(String(v)) as number);
  return { spec, stratumOf, strata: levels };
}
