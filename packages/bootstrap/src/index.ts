// Errors
export { BootstrapInputError } from "./errors.js";

// Resampling engine: statistics on count vectors, exact enumeration, seeded Monte Carlo replicates
export { statisticOf, type ResampleStatistic } from "./statistic.js";
export { distinctResampleCount, enumerateResamples, type ExactResamples } from "./resample/exactEnumeration.js";
export { drawReplicateCounts, drawResamples, type MonteCarloResamples } from "./resample/monteCarlo.js";
export {
  assembleDistribution,
  bootstrap,
  evaluateReplicates,
  resamplingPlan,
  DEFAULT_EXACT_LIMIT,
  DEFAULT_REPLICATES,
  type BootstrapDistribution,
  resampleStdErrors,
  type BootstrapOptions,
  type ResamplingPlan,
  type ResampleStdErrors,
} from "./resample/bootstrap.js";
export { nestedJackknifeStdErrors, type StdErrorScale } from "./resample/nestedJackknife.js";
export { leaveOneOutInfluence, type LeaveOneOutInfluence } from "./resample/influence.js";
export { featureStatistic, type FeatureStatisticSpec } from "./parallel/featureSpec.js";
export { bootstrapFeaturesParallel } from "./parallel/bootstrapParallel.js";

// Statistics
export {
  BUILTIN_STATISTICS,
  builtinStatistic,
  type BuiltinStatistic,
  type BuiltinStatisticName,
  type ObservationData,
} from "./statistics/builtins.js";
export { unitLayout, type UnitLayout } from "./statistics/clusters.js";
export { rmcorrStatistic, type LongitudinalFeatures } from "./statistics/rmcorr.js";
export { featureCorrelationStatistic, type SubjectFeatures } from "./statistics/featureCorrelation.js";
export { lmmFixedEffectStatistic, type LmmFixedEffectSpec } from "./statistics/lmmFixedEffect.js";

// Intervals (R boot conventions; weighted analogues for the exact distribution)
export { orderStatisticQuantile, weightedQuantile, type BootstrapQuantile } from "./intervals/quantiles.js";
export {
  INTERVAL_METHODS,
  jackknifeAcceleration,
  summarizeBootstrap,
  type IntervalMethod,
  type SummaryOptions,
  type BootstrapSummary,
  type Interval,
  type IntervalFlag,
  type IntervalReport,
  type JackknifeReport,
} from "./intervals/summarize.js";
export type { IntervalScale } from "./intervals/scale.js";
export { DEFAULT_INTERVALS, EXACT_RESAMPLING_NOTE, type DefaultInterval, type StatisticFamily } from "./intervals/defaultInterval.js";
export { studentizedPivots, type StudentizedPivots } from "./intervals/studentized.js";
export { jackknifeTInterval } from "./intervals/jackknifeT.js";

// Column tables (the `biomarker bootstrap` command; files are read by @biomarker/schema)
export type { DataFrame } from "./table/dataFrame.js";
export { bootstrapTable, type BootstrapReport, type TableBootstrapOptions } from "./table/bootstrapTable.js";
