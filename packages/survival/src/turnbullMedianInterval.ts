import { createRandomStream } from "@biomarker/numerics";
import { SurvivalInputError } from "./errors.js";
import { type IntervalObservation, turnbull } from "./turnbull.js";

export interface MedianInterval {
  level: number;
  /** null: the lower percentile itself is "not reached". */
  lower: number | null;
  /** null: not reached (at least that share of resamples never fall to S <= 0.5). */
  upper: number | null;
  replicates: number;
  seed: number;
  /** Resamples whose curve stays above 0.5 (their median counts as +infinity). */
  notReached: number;
}

export interface MedianIntervalOptions {
  level?: number;
  replicates?: number;
  seed?: number;
}

const optionKeys = new Set(["level", "replicates", "seed"]);

/**
 * Percentile bootstrap interval for the median of the Turnbull NPMLE (Efron & Tibshirani 1993, ch. 13):
 * subjects resampled with replacement, the NPMLE and survfit's median recomputed per resample (a curve
 * that stays above 0.5 gives +infinity), the interval from the order statistics at (1 - level) / 2 and
 * (1 + level) / 2 (R's quantile type 1, no interpolation between event times).
 *
 * Why not survfit's interval: for interval-censored data survfit runs Greenwood's formula on the EM's
 * fractional events as if they were observed, which ignores where in its interval each event fell; the
 * bootstrap carries that uncertainty through the NPMLE. With a handful of subjects it is coarse (it can
 * only return times the resampled curves jump at) and is reported as such.
 */
export function turnbullMedianInterval(observations: readonly IntervalObservation[], options: MedianIntervalOptions = {}): MedianInterval {
  for (const key of Object.keys(options)) if (!optionKeys.has(key)) throw new SurvivalInputError(`unknown option '${key}'`);
  const level = options.level ?? 0.95;
  const replicates = options.replicates ?? 2000;
  const seed = options.seed ?? 1;
  if (!(level > 0 && level < 1)) throw new SurvivalInputError(`level must lie in (0, 1), got ${level}`);
  if (!Number.isInteger(replicates) || replicates < 1) throw new SurvivalInputError(`replicates must be a positive whole number, got ${replicates}`);
  const random = createRandomStream(seed);
  const n = observations.length;
  const medians = new Float64Array(replicates);
  for (let b = 0; b < replicates; b++) {
    const sample = Array.from({ length: n }, () => observations[random.nextInt(n)]);
    medians[b] = turnbull(sample).median ?? Infinity;
  }
  medians.sort();
  // Type 1 quantile: the ceil(n p)-th order statistic.
  const at = (p: number): number | null => {
    const v = medians[Math.max(0, Math.ceil(replicates * p) - 1)];
    return Number.isFinite(v) ? v : null;
  };
  return {
    level,
    lower: at((1 - level) / 2),
    upper: at((1 + level) / 2),
    replicates,
    seed,
    notReached: medians.filter((m) => !Number.isFinite(m)).length,
  };
}
