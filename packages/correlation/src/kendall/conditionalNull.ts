import { absoluteTailPValue, absoluteTails, type AbsoluteNull } from "../absoluteNull.js";

/**
 * Exact permutation null of Kendall's S = C - D given the tie patterns of x and y: the distribution of
 * S = sum_{i<j} sgn(a_i - a_j) sgn(b_pi(i) - b_pi(j)) over all n! permutations pi.
 *
 * Dynamic programme over the tie groups of x in increasing order. The state is how many of each distinct
 * y-value have been assigned to earlier groups (u_1..u_K). Placing c_g copies of value v_g in the next
 * x-group adds c_g (L_g - H_g) to S, L_g / H_g the number already placed below / above v_g (pairs inside
 * an x-group are tied and add 0), and has prod_g C(m_g - u_g, c_g) labelled ways. Every group order
 * contributes the same factor prod s_t!, so probabilities are those over all n! permutations.
 */
export type KendallNull = AbsoluteNull;

function distinctCounts(values: ArrayLike<number>): { values: number[]; counts: number[] } {
  const counts = new Map<number, number>();
  for (let i = 0; i < values.length; i++) counts.set(values[i], (counts.get(values[i]) ?? 0) + 1);
  const sorted = [...counts.keys()].sort((p, q) => p - q);
  return { values: sorted, counts: sorted.map((v) => counts.get(v)!) };
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}

/** Work of the programme grouping over a and tracking states of b: groups x states x range of S. */
function orientedCost(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const states = distinctCounts(b).counts.reduce((s, m) => s * (m + 1), 1);
  return distinctCounts(a).counts.length * states * (n * (n - 1) + 1);
}

/** Work estimate of kendallConditionalNull (the cheaper orientation); used to decide whether to enumerate. */
export function kendallNullCost(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return Math.min(orientedCost(a, b), orientedCost(b, a));
}

/** S is symmetric in x and y, so the programme runs in the cheaper orientation. */
export function kendallConditionalNull(x: ArrayLike<number>, y: ArrayLike<number>): KendallNull {
  const [a, b] = orientedCost(x, y) <= orientedCost(y, x) ? [x, y] : [y, x];
  const n = a.length;
  const groupSizes = distinctCounts(a).counts;
  const { counts: m } = distinctCounts(b);
  const K = m.length;
  const strides: number[] = [];
  let stride = 1;
  for (const mg of m) {
    strides.push(stride);
    stride *= mg + 1;
  }
  const n0 = (n * (n - 1)) / 2;
  const width = 2 * n0 + 1; // S in -n0..n0 stored at S + n0
  let layer = new Map<number, Float64Array>([[0, (() => {
    const start = new Float64Array(width);
    start[n0] = 1;
    return start;
  })()]]);
  const used = new Int32Array(K);
  const choice = new Int32Array(K);
  for (const size of groupSizes) {
    const next = new Map<number, Float64Array>();
    for (const [state, dist] of layer) {
      let rest = state;
      for (let g = K - 1; g >= 0; g--) {
        used[g] = Math.floor(rest / strides[g]);
        rest -= used[g] * strides[g];
      }
      // L_g - H_g for each value given the counts already placed.
      const placed = used.reduce((s, u) => s + u, 0);
      const shiftPer: number[] = [];
      let below = 0;
      for (let g = 0; g < K; g++) {
        shiftPer.push(below - (placed - below - used[g]));
        below += used[g];
      }
      // Enumerate c with sum c = size, 0 <= c_g <= m_g - u_g.
      const visit = (g: number, left: number, shift: number, ways: number, target: number): void => {
        if (g === K) {
          if (left !== 0) return;
          let out = next.get(target);
          if (out === undefined) {
            out = new Float64Array(width);
            next.set(target, out);
          }
          const lo = Math.max(0, -shift);
          const hi = Math.min(width, width - shift);
          for (let s = lo; s < hi; s++) if (dist[s] !== 0) out[s + shift] += dist[s] * ways;
          return;
        }
        const free = m[g] - used[g];
        for (let c = 0; c <= Math.min(free, left); c++) {
          choice[g] = c;
          visit(g + 1, left - c, shift + c * shiftPer[g], ways * binomial(free, c), target + c * strides[g]);
        }
      };
      visit(0, size, 0, 1, state);
    }
    layer = next;
  }
  const final = layer.values().next().value as Float64Array;
  const { deviations, tailProbabilities } = absoluteTails(final, (s) => Math.abs(s - n0));
  return { deviations, tailProbabilities };
}

/** P(|S*| >= |s|). */
export function kendallConditionalPValue(nullDistribution: KendallNull, s: number): number {
  return absoluteTailPValue(nullDistribution, s);
}
