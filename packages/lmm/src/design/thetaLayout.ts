import type { RandomTermStructure } from "../fit/model.js";

/**
 * The layout of theta, lme4's order: for each random-effect term i with p_i columns, the lower triangle
 * of its relative covariance factor T_i (Lambda_i = I (x) T_i), column by column, starting at the term's
 * thetaOffset: theta[offset + k] = T_i[row, column] for (column = 0, row = 0..p-1), (column = 1, row = 1..), ...
 * Every map between theta and the factors goes through this file.
 */

/** One entry of theta: its term and its position in that term's T. */
export interface ThetaEntry {
  readonly term: number;
  readonly row: number;
  readonly column: number;
}

type Terms = readonly Pick<RandomTermStructure, "columnNames" | "thetaOffset">[];

/** The entry of each theta position. */
export function thetaEntries(terms: Terms): ThetaEntry[] {
  const entries: ThetaEntry[] = [];
  terms.forEach((t, term) => {
    const p = t.columnNames.length;
    let k = t.thetaOffset;
    for (let column = 0; column < p; column++) for (let row = column; row < p; row++) entries[k++] = { term, row, column };
  });
  return entries;
}

/** T (p x p lower, column-major) of the term whose entries start at `offset`; written into `out` when
 *  given (the strict upper triangle set to 0), so that the optimizer loop allocates nothing. */
export function termFactor(theta: ArrayLike<number>, offset: number, p: number, out: Float64Array = new Float64Array(p * p)): Float64Array {
  let k = offset;
  for (let j = 0; j < p; j++) for (let i = 0; i < p; i++) out[i + p * j] = i >= j ? theta[k++] : 0;
  return out;
}

/** The inverse of termFactor: the lower triangle of T (p x p, column-major) into theta at `offset`. */
export function packTermFactor(t: ArrayLike<number>, p: number, theta: Float64Array, offset: number): void {
  let k = offset;
  for (let j = 0; j < p; j++) for (let i = j; i < p; i++) theta[k++] = t[i + p * j];
}

/** Lower bounds of theta: 0 on the diagonal of each T_i, -Infinity below it (lme4's lower). */
export function thetaLowerBounds(terms: Terms): Float64Array {
  const entries = thetaEntries(terms);
  return Float64Array.from(entries, (e) => (e.row === e.column ? 0 : -Infinity));
}

/** lme4's starting theta: identity T_i. */
export function thetaStart(terms: Terms): Float64Array {
  return Float64Array.from(thetaEntries(terms), (e) => (e.row === e.column ? 1 : 0));
}

/** lme4's singularity tolerance (isSingular's tol). */
export const singularTolerance = 1e-4;

/** lme4's isSingular: a diagonal entry of some T_i within the tolerance of its bound 0. */
export function isSingularTheta(theta: ArrayLike<number>, terms: Terms): boolean {
  return thetaEntries(terms).some((e, k) => e.row === e.column && Math.abs(theta[k]) < singularTolerance);
}
