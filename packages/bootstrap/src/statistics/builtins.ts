import type { ResampleStatistic } from "../statistic.js";
import { observationWeights, unitLayout, type UnitLayout } from "./clusters.js";
import { weightedMean, weightedPearson } from "./weightedMoments.js";
import { weightedMedian } from "./weightedMedian.js";
import { sortOrder, weightedMidRanks } from "./weightedRanks.js";

export const BUILTIN_STATISTICS = ["mean", "median", "pearson", "spearman"] as const;
export type BuiltinStatisticName = (typeof BUILTIN_STATISTICS)[number];

export interface ObservationData {
  x: ArrayLike<number>;
  /** Second variable, for correlations. */
  y?: ArrayLike<number>;
  /** Cluster (subject) label of each observation: resample subjects with their whole trajectories. */
  cluster?: readonly (string | number)[];
}

/** The resampling units of the data and the statistic evaluated on a resample of them. */
export interface BuiltinStatistic extends ResampleStatistic {
  layout: UnitLayout;
}

/**
 * mean, median, Pearson or Spearman of observation-level data, resampling observations or, with
 * `cluster`, subjects (each resampled subject brings all its observations; a subject drawn twice counts
 * twice). Spearman is Pearson's r of the mid-ranks of the resampled (expanded) data, as R's
 * cor(x[i], y[i], method = "spearman").
 */
export function builtinStatistic(name: BuiltinStatisticName, data: ObservationData): BuiltinStatistic {
  const N = data.x.length;
  const layout = unitLayout(N, data.cluster);
  const w = new Float64Array(N);
  const base = { names: [name], unitCount: layout.unitNames.length, layout };
  const x = data.x;
  switch (name) {
    case "mean":
      return { ...base, evaluate: (counts, out) => void (out[0] = weightedMean(x, observationWeights(layout, counts, w))) };
    case "median": {
      const order = sortOrder(x);
      return { ...base, evaluate: (counts, out) => void (out[0] = weightedMedian(x, order, observationWeights(layout, counts, w))) };
    }
    case "pearson": {
      const y = data.y as ArrayLike<number>;
      return { ...base, evaluate: (counts, out) => void (out[0] = weightedPearson(x, y, observationWeights(layout, counts, w))) };
    }
    case "spearman": {
      const y = data.y as ArrayLike<number>;
      const orderX = sortOrder(x);
      const orderY = sortOrder(y);
      const rx = new Float64Array(N);
      const ry = new Float64Array(N);
      return {
        ...base,
        evaluate(counts, out) {
          observationWeights(layout, counts, w);
          out[0] = weightedPearson(weightedMidRanks(x, orderX, w, rx), weightedMidRanks(y, orderY, w, ry), w);
        },
      };
    }
  }
}
