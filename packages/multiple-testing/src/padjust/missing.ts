import { MultipleTestingInputError } from "../errors.js";

/**
 * The non-missing p-values and where they sit. Missing = null, undefined or NaN (R's NA); missing values
 * are kept in place by the callers and not counted in m, as in R's p.adjust and qvalue.
 */
export interface PresentPValues {
  values: Float64Array;
  positions: Int32Array;
  length: number;
}

export function splitMissing(p: ArrayLike<number | null | undefined>): PresentPValues {
  const values = new Float64Array(p.length);
  const positions = new Int32Array(p.length);
  let count = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (v === null || v === undefined || Number.isNaN(v)) continue;
    if (typeof v !== "number" || !(v >= 0 && v <= 1)) {
      throw new MultipleTestingInputError(`p-value ${i + 1} is ${String(v)}; p-values must lie in [0, 1]`);
    }
    values[count] = v;
    positions[count] = i;
    count++;
  }
  return { values: values.subarray(0, count), positions: positions.subarray(0, count), length: p.length };
}

/** Scatters adjusted values back to the input positions, null where the input was missing. */
export function restoreMissing(present: PresentPValues, adjusted: ArrayLike<number>): (number | null)[] {
  const out: (number | null)[] = new Array<number | null>(present.length).fill(null);
  for (let k = 0; k < present.positions.length; k++) out[present.positions[k]] = adjusted[k];
  return out;
}

/** Indices 0..n-1 sorted by value, ties kept in input order (R's order() is stable). */
export function orderAscending(values: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: values.length }, (_, i) => i);
  return order.sort((a, b) => values[a] - values[b] || a - b);
}

/** Indices sorted by decreasing value, ties in input order (R's order(decreasing = TRUE)). */
export function orderDescending(values: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: values.length }, (_, i) => i);
  return order.sort((a, b) => values[b] - values[a] || a - b);
}
