import { checkOptions } from "@biomarker/numerics";
import { BootstrapInputError } from "../errors.js";
import type { ResampleStatistic } from "../statistic.js";
import { distinctResampleCount, enumerateResamples } from "./exactEnumeration.js";
import { drawReplicateCounts } from "./monteCarlo.js";

/** Enumerate exactly when C(2n - 1, n) is at most this many resamples (n <= 9: 24,310; n = 10: 92,378). */
export const DEFAULT_EXACT_LIMIT = 50_000;
/** Monte Carlo replicates when `replicates` is "auto" and enumeration is over the limit. */
export const DEFAULT_REPLICATES = 10_000;

export interface BootstrapOptions {
  /**
   * A number of Monte Carlo replicates, "exact" (enumerate every distinct resample; an error above
   * `exactLimit`), or "auto" (the default: exact when the enumeration fits under `exactLimit`, else
   * DEFAULT_REPLICATES Monte Carlo replicates).
   */
  replicates?: number | "exact" | "auto";
  /** Seed of the Monte Carlo replicates (default 1); replicate r uses deriveSeed(seed, "replicate", r). */
  seed?: number;
  /** Largest enumeration done exactly (default DEFAULT_EXACT_LIMIT). */
  exactLimit?: number;
}

/** The bootstrap and jackknife distributions of every output of a statistic. */
export interface BootstrapDistribution {
  names: string[];
  /** Resampling units (subjects for a cluster bootstrap). */
  unitCount: number;
  /** True when every distinct resample was enumerated with its multinomial probability. */
  exact: boolean;
  /** Resamples evaluated: distinct count vectors when exact, Monte Carlo replicates otherwise. */
  replicates: number;
  /** The seed used for Monte Carlo replicates; null when exact. */
  seed: number | null;
  /** The statistic on the original data, per output (NaN when undefined). */
  estimates: Float64Array;
  /** Bootstrap values, column-major replicates x outputs: values[j * replicates + r] (NaN = undefined). */
  values: Float64Array;
  /** Probability of each resample: multinomial when exact, 1 / replicates otherwise. */
  weights: Float64Array;
  /** Leave-one-unit-out values, column-major units x outputs: jackknife[j * unitCount + i]. */
  jackknife: Float64Array;
}

/** What `bootstrap` will do: enumerate exactly, or draw `replicates` Monte Carlo replicates from `seed`. */
export interface ResamplingPlan {
  exact: boolean;
  /** Distinct resamples when exact, Monte Carlo replicates otherwise. */
  replicates: number;
  seed: number;
}

/** Validates the options and decides between exact enumeration and Monte Carlo for n units. */
/** The options of bootstrap and resamplingPlan ("replicates" is checked by resamplingPlan itself). */
export const bootstrapOptionSpec = { replicates: "any", seed: "number", exactLimit: "integer" } as const;

export function resamplingPlan(n: number, options: BootstrapOptions = {}): ResamplingPlan {
  checkOptions("resamplingPlan", options, bootstrapOptionSpec);
  if (!Number.isInteger(n) || n < 2) throw new BootstrapInputError(`the bootstrap needs at least 2 resampling units, got ${n}`);
  const limit = options.exactLimit ?? DEFAULT_EXACT_LIMIT;
  const requested = options.replicates ?? "auto";
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw new BootstrapInputError(`the seed must be an integer, got ${seed}`);
  const distinct = distinctResampleCount(n);
  if (requested === "exact") {
    if (distinct > limit) {
      throw new BootstrapInputError(
        `exact enumeration of ${n} units needs ${distinct} resamples, above the limit of ${limit}; ask for a number of replicates`,
      );
    }
    return { exact: true, replicates: distinct, seed };
  }
  if (requested === "auto") {
    return distinct <= limit ? { exact: true, replicates: distinct, seed } : { exact: false, replicates: DEFAULT_REPLICATES, seed };
  }
  if (!Number.isInteger(requested) || requested < 2) {
    throw new BootstrapInputError(`replicates must be "exact", "auto" or an integer >= 2, got ${requested}`);
  }
  return { exact: false, replicates: requested, seed };
}

/**
 * Values of Monte Carlo replicates [from, to) as a (to - from) x outputs column-major block. Replicate r
 * draws its counts from its own stream (drawReplicateCounts), so any split of the range, in any order or
 * on any worker, gives the same values.
 */
export function evaluateReplicates(statistic: ResampleStatistic, seed: number, from: number, to: number): Float64Array {
  const n = statistic.unitCount;
  const m = statistic.names.length;
  const length = to - from;
  const block = new Float64Array(length * m);
  const out = new Float64Array(m);
  const counts = new Int32Array(n);
  for (let r = from; r < to; r++) {
    statistic.evaluate(drawReplicateCounts(seed, r, n, counts), out);
    for (let j = 0; j < m; j++) block[j * length + (r - from)] = out[j];
  }
  return block;
}

/**
 * Resamples the units of `statistic` and evaluates it on every resample, on the original data and on
 * every leave-one-unit-out data set (the jackknife for BCa acceleration and influence).
 */
export function bootstrap(statistic: ResampleStatistic, options: BootstrapOptions = {}): BootstrapDistribution {
  checkOptions("bootstrap", options, bootstrapOptionSpec);
  const plan = resamplingPlan(statistic.unitCount, options);
  if (!plan.exact) return assembleDistribution(statistic, plan, evaluateReplicates(statistic, plan.seed, 0, plan.replicates));
  const n = statistic.unitCount;
  const m = statistic.names.length;
  const exact = enumerateResamples(n);
  const R = exact.resamples;
  const values = new Float64Array(R * m);
  const out = new Float64Array(m);
  for (let r = 0; r < R; r++) {
    statistic.evaluate(exact.counts.subarray(r * n, (r + 1) * n), out);
    for (let j = 0; j < m; j++) values[j * R + r] = out[j];
  }
  return assembleDistribution(statistic, plan, values, exact.weights);
}

/**
 * Completes a distribution from the resample values (column-major replicates x outputs): the estimate on
 * the original data, the leave-one-unit-out values, the weights (1 / R unless given), and every
 * non-finite value normalised to NaN (undefined).
 */
export function assembleDistribution(
  statistic: ResampleStatistic,
  plan: ResamplingPlan,
  values: Float64Array,
  weights: Float64Array = new Float64Array(plan.replicates).fill(1 / plan.replicates),
): BootstrapDistribution {
  const n = statistic.unitCount;
  const m = statistic.names.length;
  const out = new Float64Array(m);
  const row = new Int32Array(n);
  const estimates = new Float64Array(m);
  statistic.evaluate(row.fill(1), estimates);
  const jackknife = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    row.fill(1);
    row[i] = 0;
    statistic.evaluate(row, out);
    for (let j = 0; j < m; j++) jackknife[j * n + i] = out[j];
  }
  for (const array of [values, estimates, jackknife]) {
    for (let k = 0; k < array.length; k++) if (!Number.isFinite(array[k])) array[k] = Number.NaN;
  }
  return {
    names: [...statistic.names],
    unitCount: n,
    exact: plan.exact,
    replicates: plan.replicates,
    seed: plan.exact ? null : plan.seed,
    estimates,
    values,
    weights,
    jackknife,
  };
}
