/**
 * Independent brute force for the exact-enumeration tests: the statistic on every one of the n^n ordered
 * resamples of x (resample s takes x[d_k] with d_k the base-n digits of s), each of probability 1 / n^n.
 */
export function orderedResampleValues(x: readonly number[], statistic: (sample: number[]) => number): Float64Array {
  const n = x.length;
  const total = n ** n;
  const values = new Float64Array(total);
  const sample = new Array<number>(n);
  for (let s = 0; s < total; s++) {
    let v = s;
    for (let k = 0; k < n; k++) {
      sample[k] = x[v % n];
      v = Math.floor(v / n);
    }
    values[s] = statistic(sample);
  }
  return values;
}

export const sumOf = (sample: number[]): number => sample.reduce((a, b) => a + b, 0);

/** Median of six values: the mean of the 3rd and 4th smallest. */
export const medianOfSix = (sample: number[]): number => {
  const sorted = [...sample].sort((a, b) => a - b);
  return (sorted[2] + sorted[3]) / 2;
};
