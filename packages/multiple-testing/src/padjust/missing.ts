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

/**
 * Indices 0..n-1 sorted by value, ties kept in input order (R's order() is stable). The values are sorted
 * natively and each index placed at its value's first slot plus the number of equal values seen before it.
 */
export function orderAscending(values: ArrayLike<number>): Int32Array {
  const sorted = Float64Array.from(values).sort();
  const taken = new Int32Array(sorted.length);
  const order = new Int32Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) {
    const first = lowerBound(sorted, values[i]);
    order[first + taken[first]++] = i;
  }
  return order;
}

/** Indices sorted by decreasing value, ties in input order (R's order(decreasing = TRUE)). */
export function orderDescending(values: ArrayLike<number>): Int32Array {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const taken = new Int32Array(n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const greater = n - upperBound(sorted, values[i]);
    order[greater + taken[greater]++] = i;
  }
  return order;
}

function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
