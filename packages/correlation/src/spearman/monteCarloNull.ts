import { createRandomStream } from "@biomarker/numerics";

/**
 * Seeded Monte Carlo permutation p for U = n T - (sum a)(sum b), T = sum a_i b_pi(i).
 *
 * The B permutations sigma_1..sigma_B of {0..n-1} come from createRandomStream(seed) (Fisher-Yates on
 * the identity, one after another) and are applied to the SORTED scores: U*_b = n sum_k alpha_k
 * beta_sigma_b(k) - (sum a)(sum b). So the draws depend only on (n, seed, B) and the null sample only on
 * the tie pattern: every pair with the same pattern and seed is compared with the same B values, and a
 * matrix run gives exactly the p of a single-pair call. Under H0 the observed pairing is one more uniform
 * draw from the same distribution, so p = (#{|U*_b| >= |U|} + 1) / (B + 1) is valid (Phipson & Smyth
 * 2010, Stat. Appl. Genet. Mol. Biol. 9:39). The permutation table is shared by all pairs of size n.
 */
const TABLE_LIMIT = 8;
const tables = new Map<string, Uint16Array>();

/** B x n permutation table, row b = sigma_b; cached per (n, seed, B). */
export function permutationTable(n: number, permutations: number, seed: number): Uint16Array {
  const key = `${n}#${seed}#${permutations}`;
  const cached = tables.get(key);
  if (cached !== undefined) return cached;
  const stream = createRandomStream(seed);
  const table = new Uint16Array(n * permutations);
  for (let b = 0; b < permutations; b++) {
    const row = b * n;
    for (let i = 0; i < n; i++) table[row + i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = stream.nextInt(i + 1);
      const t = table[row + i];
      table[row + i] = table[row + j];
      table[row + j] = t;
    }
  }
  if (tables.size >= TABLE_LIMIT) tables.delete(tables.keys().next().value as string);
  tables.set(key, table);
  return table;
}

/** |U*_b| for the B draws, in draw order. */
export function monteCarloDeviations(a: ArrayLike<number>, b: ArrayLike<number>, permutations: number, seed: number): Float64Array {
  const n = a.length;
  if (n > 65_535) throw new RangeError(`permutation tables hold n <= 65535, got ${n}`);
  const alpha = Float64Array.from(a).sort();
  const beta = Float64Array.from(b).sort();
  let sumA = 0;
  let sumB = 0;
  for (let i = 0; i < n; i++) {
    sumA += alpha[i];
    sumB += beta[i];
  }
  const centre = sumA * sumB;
  const table = permutationTable(n, permutations, seed);
  const deviations = new Float64Array(permutations);
  for (let draw = 0, row = 0; draw < permutations; draw++, row += n) {
    let t = 0;
    for (let k = 0; k < n; k++) t += alpha[k] * beta[table[row + k]];
    deviations[draw] = Math.abs(n * t - centre);
  }
  return deviations;
}

/** (#{|U*| >= |u|} + 1) / (B + 1), by a scan (unsorted) or a binary search (sorted ascending). */
export function monteCarloPValue(deviations: Float64Array, sorted: boolean, u: number): number {
  const target = Math.abs(u);
  const B = deviations.length;
  let atLeast = 0;
  if (sorted) {
    let lo = 0;
    let hi = B;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (deviations[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    atLeast = B - lo;
  } else {
    for (let k = 0; k < B; k++) if (deviations[k] >= target) atLeast++;
  }
  return (atLeast + 1) / (B + 1);
}
