import { BootstrapInputError } from "../errors.js";
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
  const correlation = name === "pearson" || name === "spearman";
  if (!BUILTIN_STATISTICS.includes(name)) throw new BootstrapInputError(`unknown statistic '${String(name)}'`);
  if (correlation && data.y === undefined) throw new BootstrapInputError(`${name} needs a second variable y`);
  if (data.y !== undefined && data.y.length !== N) throw new BootstrapInputError(`x has ${N} values but y has ${data.y.length}`);
  if (data.cluster !== undefined && data.cluster.length !== N) {
    throw new BootstrapInputError(`x has ${N} values but cluster has ${data.cluster.length}`);
  }
  for (const [label, column] of [["x", data.x], ["y", data.y ?? []]] as const) {
    for (let k = 0; k < column.length; k++) {
      if (!Number.isFinite(column[k])) throw new BootstrapInputError(`${label}[${k}] = ${column[k]} is not a finite number; drop missing values first`);
    }
  }
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
