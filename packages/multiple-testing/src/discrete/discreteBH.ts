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
  const pooled = pooledSupport(groups.supports);

  const criticalValues = new Float64Array(m);
  let tauMIndex = pooled.length - 1;
  let denominators: number[] | null = null;
  if (direction === "step-up") {
    // tau_m with the full (non-adaptive) step-down sum.
    const full = new TransformedSums(groups, false);
    while (tauMIndex >= 0 && full.at(pooled[tauMIndex], null, m) > alpha * m) tauMIndex--;
    if (tauMIndex >= 0) denominators = groups.supports.map((s) => nullCdf(s, pooled[tauMIndex]));
  }
  // tau_k is non-decreasing in k: sweep k downwards and t downwards together.
  let index = tauMIndex;
  for (let k = m; k >= 1; k--) {
    while (index >= 0 && sums.at(pooled[index], denominators, k) > alpha * k) index--;
    criticalValues[k - 1] = index >= 0 ? pooled[index] : 0;
  }

  const order = orderAscending(groups.pValues);
  const sorted = Float64Array.from(order, (i) => groups.pValues[i]);
  const below = (k: number): boolean => sorted[k - 1] <= criticalValues[k - 1] * (1 + supportTolerance);
  let numberRejected = 0;
  if (direction === "step-down") {
    while (numberRejected < m && below(numberRejected + 1)) numberRejected++;
  } else {
    for (let k = m; k >= 1; k--) {
      if (below(k)) {
        numberRejected = k;
        break;
      }
    }
  }
  const threshold = numberRejected > 0 ? sorted[numberRejected - 1] : -Infinity;
  const rejected: (boolean | null)[] = new Array<boolean | null>(groups.length).fill(null);
  groups.positions.forEach((position, i) => {
    rejected[position] = groups.pValues[i] <= threshold;
  });

  let adjusted: (number | null)[] | null = null;
  if (direction === "step-down") {
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
    const terms = supports.map((s, g) => {
      const f = nullCdf(s, t);
      return f === 0 ? 0 : f / (1 - (denominators === null ? f : denominators[g]));
    });
    if (!this.adaptive) {
      let sum = 0;
      for (let g = 0; g < terms.length; g++) sum += counts[g] * terms[g];
      return sum;
    }
    const byTerm = terms.map((_, g) => g).sort((a, b) => terms[b] - terms[a]);
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
