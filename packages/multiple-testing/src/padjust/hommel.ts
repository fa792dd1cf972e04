import { orderAscending } from "./missing.js";

/**
 * Hommel (1988) adjusted p-values by Wright (1992, Biometrics 48:1005, section 2.3): with
 * p_(1) <= ... <= p_(n) and, for each subset size s = n, n-1, ..., 2, the Simes minimum over the s largest
 *   c_s = min_{k=1..s} s p_(n-s+k) / k,
 * every p-value in that subset is raised to at least c_s and every smaller one to at least
 * min(c_s, s p_(i)); the adjusted value is the largest of these and p_(i) itself.
 *
 * `p` holds the m present p-values; when n > m the n - m missing tests count as p = 1, as in R.
 * O(n^2) time, O(n) memory.
 */
export function hommel(p: Float64Array, n: number): Float64Array {
  const m = p.length;
  const sorted = new Float64Array(n).fill(1);
  const order = orderAscending(p);
  for (let k = 0; k < m; k++) sorted[k] = p[order[k]];

  // s = n: every hypothesis is in the subset.
  let cn = Infinity;
  for (let k = 1; k <= n; k++) cn = Math.min(cn, (n * sorted[k - 1]) / k);
  const adjusted = new Float64Array(n).fill(cn);

  for (let s = n - 1; s >= 2; s--) {
    const first = n - s; // 0-based index of the smallest p-value in the subset of the s largest
    // min over k = 2..s; the k = 1 term s p_(n-s+1) is the running minimum's start below.
    let tail = Infinity;
    for (let k = 2; k <= s; k++) tail = Math.min(tail, (s * sorted[first + k - 1]) / k);
    const cs = Math.min(s * sorted[first], tail);
    for (let i = 0; i < first; i++) {
      const candidate = Math.min(s * sorted[i], tail);
      if (candidate > adjusted[i]) adjusted[i] = candidate;
    }
    for (let i = first; i < n; i++) if (cs > adjusted[i]) adjusted[i] = cs;
  }

  const out = new Float64Array(m);
  for (let k = 0; k < m; k++) out[order[k]] = Math.max(adjusted[k], sorted[k]);
  return out;
}
