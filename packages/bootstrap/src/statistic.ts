/**
 * A statistic evaluated on resamples. The data live in the statistic's closure; a resample is given as a
 * count vector over the resampling units (subjects for a cluster bootstrap, observations otherwise):
 * unit i appears counts[i] times. The bootstrap passes counts summing to n; the jackknife passes
 * counts with one zero (leave that unit out). A statistic may have several outputs (one per feature)
 * so that every feature sees the same resamples, which the ranking stability of the score needs.
 */
export interface ResampleStatistic {
  /** One name per output. */
  readonly names: readonly string[];
  /** The number of resampling units (the length of every count vector). */
  readonly unitCount: number;
  /** Writes one value per output for the resample `counts`; NaN where the statistic is undefined. */
  evaluate(counts: Int32Array, out: Float64Array): void;
  /**
   * Optional: writes the standard error of every output on the resample `counts` (e.g. an analytic or
   * model-based SE), used by the studentized interval instead of the nested jackknife. NaN where undefined.
   */
  evaluateStdError?(counts: Int32Array, out: Float64Array): void;
}

/**
 * Wraps any function of a data set of units as a statistic: the resample is expanded to the list in
 * which unit i appears counts[i] times, in unit order. `copy[k]` numbers the copies of each unit
 * (0, 1, ...), so a function that needs distinct identities (a cluster label, a random-effect level)
 * can relabel the second copy of a subject. Return null (or a non-finite number) where the statistic
 * is undefined.
 */
export function statisticOf<T>(
  units: readonly T[],
  statistic: (sample: T[], copy: number[]) => number | null,
  name = "statistic",
): ResampleStatistic {
  return {
    names: [name],
    unitCount: units.length,
    evaluate(counts, out) {
      const sample: T[] = [];
      const copy: number[] = [];
      for (let i = 0; i < units.length; i++) {
        for (let k = 0; k < counts[i]; k++) {
          sample.push(units[i]);
          copy.push(k);
        }
      }
      const value = statistic(sample, copy);
      out[0] = value === null || !Number.isFinite(value) ? Number.NaN : value;
    },
  };
}
