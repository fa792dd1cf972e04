/** log |A| from the Cholesky factor A = L L':  log |A| = 2 sum_j log l_jj  (-Infinity if a pivot is 0). */
export function logDeterminantFromCholesky(l: Float64Array, n: number): number {
  let sum = 0;
  for (let j = 0; j < n; j++) sum += Math.log(l[j + j * n]);
  return 2 * sum;
}
