import { absoluteTailPValue, absoluteTails, type AbsoluteNull } from "../absoluteNull.js";

/**
 * The permutation distribution of T = sum_i a_i b_pi(i) over all n! permutations pi, for integer scores
 * a and b (twice the mid-ranks). This is the exact null of Spearman's rho (untied scores) and its exact
 * conditional null given the tie pattern (tied scores): van de Wiel & Di Bucchianico (2001), J. Stat.
 * Plan. Inference 92, 133-145, who compute the same distribution by generating functions.
 *
 * Algorithm: a dynamic programme over which b-values have been assigned to the first k positions.
 * Equal b-values are interchangeable, so the state is the vector of how many of each distinct b-value
 * are used (prod (m_g + 1) states, 2^n without ties); each state holds the counts of the partial sums.
 * Every distinct arrangement stands for prod m_g! permutations, so the probabilities are those over all
 * n! permutations. Counts are exact integers in doubles while n!/prod m_g! < 2^53 (always for n <= 18).
 *
 * Work is reported as `cost` = sum over states of (#groups x partial-sum range) so callers can decide
 * whether to enumerate.
 */

/** Exact null of the centred statistic U = n T - (sum a)(sum b) (an integer, proportional to rho - E rho). */
export interface PermutationNull extends AbsoluteNull {
  n: number;
  /** Number of distinct arrangements enumerated (n! / prod m_g! for the grouped scores). */
  arrangements: number;
}

interface ReducedScores {
  /** (a - min a) / gcd: non-negative integers, sorted ascending. */
  positions: number[];
  /** Distinct reduced b-values, ascending, and their multiplicities. */
  values: number[];
  multiplicities: number[];
  sumPositions: number;
  sumValues: number;
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** Shift to a minimum of 0 and divide by the common divisor: T changes by an affine map only. */
export function reduceScores(scores: ArrayLike<number>): { reduced: number[]; shift: number; scale: number } {
  let min = Infinity;
  for (let i = 0; i < scores.length; i++) min = Math.min(min, scores[i]);
  let g = 0;
  for (let i = 0; i < scores.length; i++) g = gcd(g, scores[i] - min);
  const scale = g === 0 ? 1 : g;
  const reduced = Array.from({ length: scores.length }, (_, i) => (scores[i] - min) / scale);
  return { reduced, shift: min, scale };
}

function multiplicityStates(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let states = 1;
  for (const m of counts.values()) states *= m + 1;
  return states;
}

/** Orient the problem so that the variable with more ties is the one grouped into states. */
function prepare(a: number[], b: number[]): ReducedScores {
  const [pos, val] = multiplicityStates(a) < multiplicityStates(b) ? [b, a] : [a, b];
  const positions = [...pos].sort((p, q) => p - q);
  const counts = new Map<number, number>();
  for (const v of val) counts.set(v, (counts.get(v) ?? 0) + 1);
  const values = [...counts.keys()].sort((p, q) => p - q);
  return {
    positions,
    values,
    multiplicities: values.map((v) => counts.get(v)!),
    sumPositions: positions.reduce((s, x) => s + x, 0),
    sumValues: val.reduce((s, x) => s + x, 0),
  };
}

/** Upper bound of the partial sum after k positions (rearrangement inequality: largest b's, ascending). */
function partialMaxima(r: ReducedScores): number[] {
  const bs: number[] = [];
  r.values.forEach((v, g) => {
    for (let j = 0; j < r.multiplicities[g]; j++) bs.push(v);
  });
  const n = bs.length;
  const hi = [0];
  for (let k = 1; k <= n; k++) {
    let s = 0;
    for (let i = 0; i < k; i++) s += r.positions[i] * bs[n - k + i];
    hi.push(s);
  }
  return hi;
}

/** Work estimate for `permutationNull` (state x group x range updates); used to decide on enumeration. */
export function permutationNullCost(a: number[], b: number[]): number {
  const r = prepare(reduceScores(a).reduced, reduceScores(b).reduced);
  const hi = partialMaxima(r);
  const states = r.multiplicities.reduce((s, m) => s * (m + 1), 1);
  return states * r.values.length * (hi[hi.length - 1] / 2 + 1);
}

/**
 * Exact permutation null of U = n T' - (sum a')(sum b') for reduced scores a', b' (see reduceScores);
 * pass the reduced scores so that the observed U is computed on the same scale.
 */
export function permutationNull(a: number[], b: number[]): PermutationNull {
  const n = a.length;
  const r = prepare(a, b);
  const groups = r.values.length;
  const strides: number[] = [];
  let totalStates = 1;
  for (const m of r.multiplicities) {
    strides.push(totalStates);
    totalStates *= m + 1;
  }
  const hi = partialMaxima(r);
  // Layer k holds the states whose used-counts sum to k; each maps to counts of partial sums 0..hi[k].
  let layer = new Map<number, Float64Array>([[0, Float64Array.of(1)]]);
  const digits = new Int32Array(groups);
  for (let k = 0; k < n; k++) {
    const next = new Map<number, Float64Array>();
    const a_k = r.positions[k];
    const length = hi[k + 1] + 1;
    for (const [state, counts] of layer) {
      let rest = state;
      for (let g = groups - 1; g >= 0; g--) {
        digits[g] = Math.floor(rest / strides[g]);
        rest -= digits[g] * strides[g];
      }
      for (let g = 0; g < groups; g++) {
        if (digits[g] === r.multiplicities[g]) continue;
        const target = state + strides[g];
        let out = next.get(target);
        if (out === undefined) {
          out = new Float64Array(length);
          next.set(target, out);
        }
        const shift = a_k * r.values[g];
        for (let t = 0; t < counts.length; t++) {
          const c = counts[t];
          if (c !== 0) out[t + shift] += c;
        }
      }
    }
    layer = next;
  }
  const final = layer.values().next().value as Float64Array;
  // Pool by |U| = |n T - Sa Sb|; the tails are accumulated in exact integer arithmetic.
  const centre = r.sumPositions * r.sumValues;
  const { deviations, tailProbabilities, total } = absoluteTails(final, (t) => Math.abs(n * t - centre));
  return { n, deviations, tailProbabilities, arrangements: total };
}

/** Two-sided p = P(|U*| >= |u|) (absoluteTailPValue). */
export function permutationNullPValue(nullDistribution: PermutationNull, u: number): number {
  return absoluteTailPValue(nullDistribution, u);
}
