import type { ResampleStatistic } from "../statistic.js";
import { featureCorrelationStatistic, type SubjectFeatures } from "../statistics/featureCorrelation.js";
import { rmcorrStatistic, type LongitudinalFeatures } from "../statistics/rmcorr.js";

/** A per-feature statistic described by plain data, so that a worker thread can rebuild it. */
export type FeatureStatisticSpec =
  | { kind: "rmcorr"; data: LongitudinalFeatures }
  | { kind: "spearman" | "pearson"; data: SubjectFeatures };

export function featureStatistic(spec: FeatureStatisticSpec): ResampleStatistic {
  return spec.kind === "rmcorr" ? rmcorrStatistic(spec.data) : featureCorrelationStatistic(spec.kind, spec.data);
}
