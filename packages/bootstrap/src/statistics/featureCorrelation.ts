import type { ResampleStatistic } from "../statistic.js";
import { weightedPearson } from "./weightedMoments.js";
import { sortOrder, weightedMidRanks } from "./weightedRanks.js";
import { isPresent } from "./isPresent.js";

/** Subject-level data: one value per subject for the outcome and for each feature (null = missing). */
export interface SubjectFeatures {
  subjects: readonly string[];
  outcome: readonly (number | null)[];
  features: readonly { name: string; values: readonly (number | null)[] }[];
}

/**
 * Spearman or Pearson correlation of every feature with the outcome over subjects, resampling subjects
 * (units = subjects, one value each, e.g. the change from baseline at a landmark visit). Each feature
 * uses the subjects where both values are present. Spearman = Pearson's r of the mid-ranks of the
 * resampled (expanded) data, as R's cor(x[i], y[i], method = "spearman"); sort orders are computed once
 * so a resample costs O(subjects) per feature.
 */
export function featureCorrelationStatistic(method: "spearman" | "pearson", data: SubjectFeatures): ResampleStatistic {
  const n = data.subjects.length;
  const kernels = data.features.map((feature) => {
    const complete: number[] = [];
    for (let s = 0; s < n; s++) if (isPresent(feature.values[s]) && isPresent(data.outcome[s])) complete.push(s);
    const x = Float64Array.from(complete, (s) => feature.values[s] as number);
    const y = Float64Array.from(complete, (s) => data.outcome[s] as number);
    return {
      complete: Int32Array.from(complete),
      x,
      y,
      orderX: sortOrder(x),
      orderY: sortOrder(y),
      w: new Float64Array(complete.length),
      rx: new Float64Array(complete.length),
      ry: new Float64Array(complete.length),
    };
  });
  return {
    names: data.features.map((f) => f.name),
    unitCount: n,
    evaluate(counts, out) {
      for (let f = 0; f < kernels.length; f++) {
        const k = kernels[f];
        for (let i = 0; i < k.complete.length; i++) k.w[i] = counts[k.complete[i]];
        out[f] =
          method === "pearson"
            ? weightedPearson(k.x, k.y, k.w)
            : weightedPearson(weightedMidRanks(k.x, k.orderX, k.w, k.rx), weightedMidRanks(k.y, k.orderY, k.w, k.ry), k.w);
      }
    },
  };
}
