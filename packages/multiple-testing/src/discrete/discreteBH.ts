import { checkOptions } from "@biomarker/numerics";
import { MultipleTestingInputError } from "../errors.js";
import { orderAscending } from "../padjust/missing.js";
import { groupSupports, nullCdf, pooledSupport, supportTolerance, type DiscreteTest, type SupportGroups } from "./nullDistribution.js";

export type DiscreteDirection = "step-up" | "step-down";

export interface DiscreteBhOptions {
  /** FDR level, default 0.05. */
  alpha?: number;
  /** Default "step-up". */
  direction?: DiscreteDirection;
  /** The adaptive variants [A-DBH-SU] / [A-DBH-SD]; default false. */
  adaptive?: boolean;
}

export interface DiscreteBhResult {
  procedure: "DBH-SU" | "DBH-SD" | "ADBH-SU" | "ADBH-SD";
  alpha: number;
  /** Number of tests with a p-value. */
  m: number;
  /** Per input test: rejected or not; null where the p-value was missing. */
  rejected: (boolean | null)[];
  numberRejected: number;
  /** Critical values tau_1 <= ... <= tau_m (attainable p-values; 0 where none qualifies). */
  criticalValues: Float64Array;
  /** Adjusted p-values in input order (step-down procedures only; null for step-up). */
  adjusted: (number | null)[] | null;
}

/**
 * Discrete Benjamini-Hochberg procedures of Doehler, Durand & Roquain (2018, Electronic Journal of
 * Statistics 12:1867, section 3), for tests whose null p-value distributions are discrete and
 * heterogeneous. With F_i the null CDF of test i (nullDistribution.ts) and A the pooled support:
 *
 * [DBH-SD]: tau_k = max{t in A : xi_SD(t) <= alpha k}, xi_SD(t) = sum_i F_i(t) / (1 - F_i(t)) (eq. 11);
 *   reject p_(1..k-1) for the first k with p_(k) > tau_k; adjusted p~_(k) = max_{j<=k} min(1, xi_SD(p_(j)) / j).
 * [DBH-SU]: tau_m as for DBH-SD, then tau_k = max{t in A, t <= tau_m : sum_i F_i(t) / (1 - F_i(tau_m)) <= alpha k}
 *   (eq. 10); reject p_(1..k) for the largest k with p_(k) <= tau_k.
 * Adaptive variants (section 3.3): at step k the sum runs over the m - k + 1 largest terms only
 * (for A-DBH-SU, tau_m is still the DBH one).
 * Missing p-values are not counted.
 */
export function discreteBH(tests: readonly DiscreteTest[], options: DiscreteBhOptions = {}): DiscreteBhResult {
  checkOptions("discreteBH", options, { alpha: "number", direction: ["step-up", "step-down"], adaptive: "boolean" });
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha <= 1)) throw new MultipleTestingInputError(`alpha = ${alpha} must lie in (0, 1]`);
  const direction = options.direction ?? "step-up";
  if (direction !== "step-up" && direction !== "step-down") {
    throw new MultipleTestingInputError(`direction must be "step-up" or "step-down", not '${String(direction)}'`);
  }
  const adaptive = options.adaptive ?? false;
  const groups = groupSupports(tests);
  const m = groups.pValues.length;
  const procedure = `${adaptive ? "A" : ""}DBH-${direction === "step-up" ? "SU" : "SD"}` as DiscreteBhResult["procedure"];
  const sums = new TransformedSums(groups, adaptive);
  const criticalValues = computeCriticalValues(groups, sums, alpha, direction === "step-up", adaptive);

  const order = orderAscending(groups.pValues);
  const sorted = Float64Array.from(order, (i) => groups.pValues[i]);
  const numberRejected = countRejections(sorted, criticalValues, direction === "step-up");
  const threshold = numberRejected > 0 ? sorted[numberRejected - 1] : -Infinity;
  const rejected: (boolean | null)[] = new Array<boolean | null>(groups.length).fill(null);
  groups.positions.forEach((position, i) => {
    rejected[position] = groups.pValues[i] <= threshold;
  });

  let adjusted: (number | null)[] | null = null;
  if (direction === "step-down") {
    // p~_(k) = max_{j <= k} min(1, S_j(p_(j)) / j).
    adjusted = new Array<number | null>(groups.length).fill(null);
    let running = 0;
    for (let k = 1; k <= m; k++) {
      running = Math.max(running, Math.min(1, sums.at(sorted[k - 1], null, k) / k));
      adjusted[groups.positions[order[k - 1]]] = running;
    }
  }
  return {
    procedure,
    alpha,
    m,
    rejected,
    numberRejected: rejected.filter((r) => r === true).length,
    criticalValues,
    adjusted,
  };
}

/**
 * tau_1 <= ... <= tau_m. tau_m comes from bisection over the pooled support (the sums are non-decreasing in
 * t); then k and t move downwards together (tau_k is non-decreasing in k). Without adaptation the sum does
 * not depend on k and is updated as t passes each attainable value; adaptively we gallop over t.
 */
function computeCriticalValues(groups: SupportGroups, sums: TransformedSums, alpha: number, stepUp: boolean, adaptive: boolean): Float64Array {
  const m = groups.pValues.length;
  const pooled = pooledSupport(groups);
  const criticalValues = new Float64Array(m);
  let denominators: number[] | null = null;
  let start: number;
  if (stepUp) {
    // tau_m with the full (non-adaptive) step-down sum; the step-up sums divide by 1 - F_i(tau_m).
    const full = new TransformedSums(groups, false);
    start = lastAtOrBelow(pooled, (t) => full.at(t, null, m) <= alpha * m);
    if (start >= 0) denominators = groups.supports.map((s) => nullCdf(s, pooled[start]));
  } else {
    start = lastAtOrBelow(pooled, (t) => sums.at(t, null, m) <= alpha * m);
  }
  if (adaptive) {
    let index = start;
    for (let k = m; k >= 1; k--) {
      index = lastAtOrBelowFrom(pooled, index, (t) => sums.at(t, denominators, k) <= alpha * k);
      criticalValues[k - 1] = index >= 0 ? pooled[index] : 0;
    }
  } else if (start >= 0) {
    const sweep = new DescendingSweep(groups, pooled, start, denominators);
    for (let k = m; k >= 1; k--) {
      const bound = alpha * k;
      const satisfied = (): boolean => {
        // The running sum drifts by rounding: close calls are decided with the exact sum.
        if (Math.abs(sweep.sum - bound) > 1e-9 * bound) return sweep.sum <= bound;
        return sums.at(pooled[sweep.index], denominators, k) <= bound;
      };
      while (sweep.index >= 0 && !satisfied()) sweep.stepDown();
      criticalValues[k - 1] = sweep.index >= 0 ? pooled[sweep.index] : 0;
    }
  }
  return criticalValues;
}

/** Step-down: the k - 1 before the first p_(k) > tau_k; step-up: the largest k with p_(k) <= tau_k. */
function countRejections(sorted: Float64Array, criticalValues: Float64Array, stepUp: boolean): number {
  const m = sorted.length;
  const below = (k: number): boolean => sorted[k - 1] <= criticalValues[k - 1] * (1 + supportTolerance);
  if (stepUp) {
    for (let k = m; k >= 1; k--) if (below(k)) return k;
    return 0;
  }
  let k = 0;
  while (k < m && below(k + 1)) k++;
  return k;
}

/** The last index whose value satisfies a condition that holds on a prefix of `values` (-1 if none). */
function lastAtOrBelow(values: Float64Array, holds: (t: number) => boolean): number {
  let lo = -1;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (holds(values[mid])) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The non-adaptive sum S(t) = sum_i F_i(t) / (1 - D_i) at t = pooled[index], kept up to date as the index moves
 * down: passing an attainable value a lowers F_i only for the tests whose support contains a (to their
 * next lower attainable value), so a whole sweep costs O(total support size).
 */
class DescendingSweep {
  index: number;
  /** Sum over the tests with a discrete null; the continuous ones are added at the current t. */
  private discreteSum = 0;
  private readonly continuousGroup: number;
  /** For each pooled index, the (group, position in its support) pairs attaining that value. */
  private readonly members: number[][];
  private readonly position: Int32Array;

  constructor(
    private readonly groups: SupportGroups,
    private readonly pooled: Float64Array,
    start: number,
    private readonly denominators: number[] | null,
  ) {
    this.index = start;
    this.members = Array.from({ length: pooled.length }, () => []);
    this.position = new Int32Array(groups.supports.length);
    this.continuousGroup = groups.supports.indexOf(null);
    groups.supports.forEach((support, g) => {
      if (support === null) return;
      for (let r = 0; r < support.length; r++) {
        const limit = support[r] + supportTolerance * support[r];
        this.members[lastAtOrBelow(pooled, (t) => t <= limit)].push(g, r);
      }
      // Number of support values <= pooled[start].
      const t = pooled[start];
      let count = 0;
      while (count < support.length && support[count] <= t + supportTolerance * t) count++;
      this.position[g] = count;
      this.discreteSum += this.term(g, count === 0 ? 0 : support[count - 1]);
    });
  }

  get sum(): number {
    const g = this.continuousGroup;
    return g < 0 ? this.discreteSum : this.discreteSum + this.term(g, this.pooled[this.index]);
  }

  /** Contribution of group g when its null CDF equals f. */
  private term(g: number, f: number): number {
    if (f === 0) return 0;
    return (this.groups.counts[g] * f) / (1 - (this.denominators === null ? f : this.denominators[g]));
  }

  stepDown(): void {
    const pairs = this.members[this.index];
    for (let k = 0; k < pairs.length; k += 2) {
      const g = pairs[k];
      const r = pairs[k + 1];
      if (this.position[g] !== r + 1) continue;
      const support = this.groups.supports[g] as Float64Array;
      this.discreteSum += this.term(g, r === 0 ? 0 : support[r - 1]) - this.term(g, support[r]);
      this.position[g] = r;
    }
    this.index--;
  }
}

/**
 * The last index <= `from` whose value satisfies a condition holding on a prefix (-1 if none), by galloping
 * down from `from` (1, 2, 4, ... steps) and bisecting: O(log gap) evaluations.
 */
function lastAtOrBelowFrom(values: Float64Array, from: number, holds: (t: number) => boolean): number {
  if (from < 0 || holds(values[from])) return from;
  let hi = from; // fails
  let step = 1;
  let lo = from - step;
  while (lo >= 0 && !holds(values[lo])) {
    hi = lo;
    step *= 2;
    lo = from - step;
  }
  if (lo < 0) lo = -1;
  // holds at lo (or lo = -1), fails at hi.
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (holds(values[mid])) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * S_k(t): the sum over tests of F_i(t) / (1 - D_i), D_i = F_i(t) (step-down) or F_i(tau_m) (step-up),
 * over all m tests or, adaptively, over the m - k + 1 largest terms. Tests sharing a support are pooled.
 */
class TransformedSums {
  private readonly m: number;
  constructor(
    private readonly groups: SupportGroups,
    private readonly adaptive: boolean,
  ) {
    this.m = groups.pValues.length;
  }

  at(t: number, denominators: number[] | null, k: number): number {
    const { supports, counts } = this.groups;
    const term = (g: number): number => {
      const f = nullCdf(supports[g], t);
      return f === 0 ? 0 : f / (1 - (denominators === null ? f : denominators[g]));
    };
    if (!this.adaptive) {
      let sum = 0;
      for (let g = 0; g < supports.length; g++) sum += counts[g] * term(g);
      return sum;
    }
    const terms = Float64Array.from({ length: supports.length }, (_, g) => term(g));
    const byTerm = Int32Array.from({ length: supports.length }, (_, g) => g).sort((a, b) => terms[b] - terms[a]);
    let remaining = this.m - k + 1;
    let sum = 0;
    for (const g of byTerm) {
      if (remaining <= 0) break;
      const used = Math.min(remaining, counts[g]);
      sum += used * terms[g];
      remaining -= used;
    }
    return sum;
  }
}

/**
 * Heyse (2011) adjusted p-values for discrete tests: with p_(1) <= ... <= p_(m),
 *   p~_(k) = min_{j >= k} min(1, sum_i F_i(p_(j)) / j).
 * Doehler et al. (2018) show this procedure does not control the FDR in general; it is given for
 * comparison. Missing p-values stay null and are not counted.
 */
export function heyseAdjust(tests: readonly DiscreteTest[]): (number | null)[] {
  const groups = groupSupports(tests);
  const m = groups.pValues.length;
  const order = orderAscending(groups.pValues);
  const out: (number | null)[] = new Array<number | null>(groups.length).fill(null);
  let running = Infinity;
  for (let k = m; k >= 1; k--) {
    const t = groups.pValues[order[k - 1]];
    let sum = 0;
    for (let g = 0; g < groups.supports.length; g++) sum += groups.counts[g] * nullCdf(groups.supports[g], t);
    running = Math.min(running, Math.min(1, sum / k));
    out[groups.positions[order[k - 1]]] = running;
  }
  return out;
}
