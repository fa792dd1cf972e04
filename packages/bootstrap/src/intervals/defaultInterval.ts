import type { IntervalScale } from "./scale.js";
import type { IntervalMethod } from "./summarize.js";

/** What a statistic estimates, for the choice of the default interval: a location (mean, median) or a correlation. */
export type StatisticFamily = "location" | "correlation";

export interface DefaultInterval {
  method: IntervalMethod;
  /** Scale of the scale-dependent intervals (Fisher z for correlations: every interval inside [-1, 1]). */
  scale: IntervalScale;
  /** Measured coverage of the nominal 95% interval at n = 6 and its Monte Carlo SE (docs/bootstrap-coverage.md). */
  coverageAtSix: { scenario: string; coverage: number; mcError: number }[];
}

/**
 * The default 95% interval per family: the interval whose coverage at n = 6 was closest to 95% in the
 * coverage study (packages/bootstrap/validation/coverageStudy.ts, 2,000 data sets per cell; table in
 * docs/bootstrap-coverage.md). Location (normal and exponential means): the studentized interval with
 * nested-jackknife SEs (94.35% and 93.05%; percentile and BCa 86% and 80-82%). Correlation (bivariate normal,
 * rho = 0.5): BCa (95.7%; percentile 90.2%, studentized on Fisher's z 90.4%). Coverage is that of the
 * interval under repeated sampling; "exact" enumeration only removes Monte Carlo error from the bootstrap
 * distribution and does not make the coverage exact.
 */
export const DEFAULT_INTERVALS: Readonly<Record<StatisticFamily, DefaultInterval>> = {
  location: {
    method: "studentized",
    scale: "identity",
    coverageAtSix: [
      { scenario: "normal mean", coverage: 0.9435, mcError: 0.0052 },
      { scenario: "exponential mean", coverage: 0.9305, mcError: 0.0057 },
    ],
  },
  correlation: {
    method: "bca",
    scale: "fisher-z",
    coverageAtSix: [{ scenario: "Pearson r, bivariate normal, rho = 0.5", coverage: 0.957, mcError: 0.0045 }],
  },
};

/** What "exact" means, for every output that reports an enumerated bootstrap. */
export const EXACT_RESAMPLING_NOTE =
  "exact = every distinct resample enumerated with its multinomial probability (no Monte Carlo error in the bootstrap distribution); the coverage of the intervals is not exact (docs/bootstrap-coverage.md)";
