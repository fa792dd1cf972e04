import { SurvivalInputError } from "./errors.js";
import { kaplanMeierMedian } from "./kaplanMeier.js";

/**
 * One subject's event time as survival::Surv(left, right, type = "interval2") reads it: the event lies in
 * (left, right]; left === right is an exactly observed event; right === null is right-censored at left
 * (no event by then).
 */
export interface IntervalObservation {
  left: number;
  right: number | null;
}

/** A row of the curve as survfit prints it for interval-censored data: the estimate just after `time`. */
export interface TurnbullStep {
  time: number;
  /** Expected number at risk (fractional: events imputed by the self-consistency equations). */
  atRisk: number;
  events: number;
  censored: number;
  survival: number;
}

/** A Turnbull interval (an innermost interval: a left end followed by a right end with no end point between)
 *  and the NPMLE's probability mass on it. */
export interface TurnbullInterval {
  lower: number;
  upper: number;
  mass: number;
}

export interface TurnbullFit {
  n: number;
  steps: TurnbullStep[];
  intervals: TurnbullInterval[];
  /** survfit's median on its curve (first step time with S <= 0.5); null if the curve stays above 0.5. */
  median: number | null;
  /** The median is only known up to the Turnbull interval in which S crosses 0.5: (lower, upper]. */
  medianInterval: { lower: number; upper: number } | null;
  iterations: number;
  converged: boolean;
}

export interface TurnbullOptions {
  /** Stop when no survival value at the jump times moves by more than this (default 1e-12). */
  tolerance?: number;
  maxIterations?: number;
}

const optionKeys = new Set(["tolerance", "maxIterations"]);

function validate(observations: readonly IntervalObservation[]): void {
  if (observations.length === 0) throw new SurvivalInputError("no observations");
  observations.forEach((o, i) => {
    if (!Number.isFinite(o.left) || o.left < 0) throw new SurvivalInputError(`observation ${i + 1}: left end ${o.left} must be a finite time >= 0`);
    if (o.right !== null && !(o.right >= o.left && Number.isFinite(o.right))) {
      throw new SurvivalInputError(`observation ${i + 1}: right end ${o.right} must be finite and >= the left end ${o.left}`);
    }
  });
}

/**
 * Turnbull's nonparametric maximum likelihood estimate of the survival curve from interval-censored data
 * (Turnbull 1976), in survfit's form (survival::survfit(Surv(l, r, type = "interval2") ~ 1)):
 *
 * 1. Jump times: each exact event time, and the midpoint of each Turnbull interval, found by sorting all
 *    end points (ties: exact times, then right ends, then left ends, so intervals are (l, r]) and taking
 *    every left end (or exact time) immediately followed by a right end.
 * 2. Self-consistency (EM): with p_j the current mass at jump time t_j, subject i with interval (l_i, r_i]
 *    contributes the expected event counts w_ij = p_j 1{l_i < t_j <= r_i} / sum_k p_k 1{l_i < t_k <= r_k};
 *    the next curve is the Kaplan-Meier estimate with these fractional events at the jump times plus the
 *    exact events and right-censorings with weight 1.
 *
 * A fixed point is the NPMLE (Turnbull 1976, sec. 3). survfit stops when S moves by less than 5e-5 (with
 * Aitken acceleration); here the plain iteration runs until S moves by less than `tolerance`, so the
 * values are the NPMLE's to that precision and can differ from survfit's in the fifth decimal.
 */
export function turnbull(observations: readonly IntervalObservation[], options: TurnbullOptions = {}): TurnbullFit {
  for (const key of Object.keys(options)) if (!optionKeys.has(key)) throw new SurvivalInputError(`unknown option '${key}'`);
  validate(observations);
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 100_000;
  const exact = observations.filter((o) => o.right === o.left).map((o) => o.left);
  const censored = observations.filter((o) => o.right === null).map((o) => o.left);
  const interval = observations.filter((o): o is { left: number; right: number } => o.right !== null && o.right > o.left);

  // 1. Jump times. Kinds: 0 exact, 1 right end, 2 left end (of an interval or a censoring).
  const points: { time: number; kind: number }[] = [
    ...exact.map((time) => ({ time, kind: 0 })),
    ...censored.map((time) => ({ time, kind: 2 })),
    ...interval.flatMap((o) => [{ time: o.left, kind: 2 }, { time: o.right, kind: 1 }]),
  ].sort((a, b) => a.time - b.time || a.kind - b.kind);
  const jumpSet = new Set<number>(exact);
  const intervalEnds: { lower: number; upper: number }[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    if (points[k].kind !== 1 && points[k + 1].kind === 1) {
      jumpSet.add((points[k].time + points[k + 1].time) / 2);
      intervalEnds.push({ lower: points[k].time, upper: points[k + 1].time });
    }
  }
  const jumps = [...jumpSet].sort((a, b) => a - b);
  const nj = jumps.length;
  // Which jump times lie in each subject's (l, r].
  const inside = interval.map((o) => jumps.map((t) => t > o.left && t <= o.right));
  for (let i = 0; i < interval.length; i++) {
    if (!inside[i].some(Boolean)) throw new SurvivalInputError(`interval (${interval[i].left}, ${interval[i].right}] holds no jump time`);
  }

  // Rows of the curve: every distinct time of the weighted Kaplan-Meier data.
  const times = [...new Set([...exact, ...censored, ...jumps])].sort((a, b) => a - b);
  const jumpIndex = new Map(jumps.map((t, j) => [t, j]));
  const count = (values: number[]) => {
    const m = new Map<number, number>();
    for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
    return m;
  };
  const exactAt = count(exact);
  const censoredAt = count(censored);
  const n = observations.length;

  const curve = (expected: Float64Array): TurnbullStep[] => {
    let atRisk = n;
    let survival = 1;
    return times.map((time) => {
      const j = jumpIndex.get(time);
      const events = (exactAt.get(time) ?? 0) + (j === undefined ? 0 : expected[j]);
      const cens = censoredAt.get(time) ?? 0;
      // All remaining (expected) subjects have the event: exactly 0, not a rounding residue of the sums.
      if (events > 0) survival *= events >= atRisk * (1 - 1e-12) ? 0 : 1 - events / atRisk;
      const step = { time, atRisk, events, censored: cens, survival };
      atRisk -= events + cens;
      return step;
    });
  };
  const survivalAtJumps = (steps: TurnbullStep[]): Float64Array => {
    const s = new Float64Array(nj);
    for (const step of steps) {
      const j = jumpIndex.get(step.time);
      if (j !== undefined) s[j] = step.survival;
    }
    return s;
  };

  // 2. Self-consistency iterations, started from equal mass on every jump time each subject can use.
  const expected = new Float64Array(nj);
  for (const row of inside) {
    const k = row.filter(Boolean).length;
    row.forEach((v, j) => {
      if (v) expected[j] += 1 / k;
    });
  }
  let steps = curve(expected);
  let previous = survivalAtJumps(steps);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const mass = previous.map((s, j) => (j === 0 ? 1 : previous[j - 1]) - s);
    expected.fill(0);
    for (const row of inside) {
      let total = 0;
      for (let j = 0; j < nj; j++) if (row[j]) total += mass[j];
      for (let j = 0; j < nj; j++) if (row[j] && total > 0) expected[j] += mass[j] / total;
    }
    steps = curve(expected);
    const current = survivalAtJumps(steps);
    let change = 0;
    for (let j = 0; j < nj; j++) change = Math.max(change, Math.abs(current[j] - previous[j]));
    previous = current;
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  const mass = previous.map((s, j) => (j === 0 ? 1 : previous[j - 1]) - s);
  const intervals = jumps.map((t, j) => {
    const ends = intervalEnds.find((e) => (e.lower + e.upper) / 2 === t);
    return { lower: ends ? ends.lower : t, upper: ends ? ends.upper : t, mass: mass[j] };
  });
  const median = kaplanMeierMedian(steps);
  let medianInterval: { lower: number; upper: number } | null = null;
  if (median !== null) {
    const found = intervals.find((iv) => (iv.lower + iv.upper) / 2 === median || iv.lower === median);
    medianInterval = found ? { lower: found.lower, upper: found.upper } : { lower: median, upper: median };
  }
  return { n, steps, intervals, median, medianInterval, iterations, converged };
}
