/**
 * Exact two-sided sign test (binomial test of k successes in n trials at p = 1/2), as R's
 * binom.test(k, n): the sum of the probabilities of every outcome no more likely than the observed one,
 * by enumeration of C(n, j) / 2^n. Returns null for n = 0.
 */
export function signTestPValue(k: number, n: number): number | null {
  if (!(Number.isInteger(k) && Number.isInteger(n) && k >= 0 && k <= n)) throw new RangeError(`sign test needs 0 <= k <= n integers, got k = ${k}, n = ${n}`);
  if (n === 0) return null;
  const probability: number[] = [];
  let c = 1;
  for (let j = 0; j <= n; j++) {
    probability.push(c / 2 ** n);
    c = (c * (n - j)) / (j + 1);
  }
  // R's relative tolerance 1 + 1e-7 for outcomes as likely as the observed one.
  const observed = probability[k] * (1 + 1e-7);
  const p = probability.reduce((sum, q) => (q <= observed ? sum + q : sum), 0);
  return Math.min(1, p);
}
