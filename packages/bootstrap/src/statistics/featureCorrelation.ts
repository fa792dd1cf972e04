import type { ResampleStatistic } from "../statistic.js";
import { isPresent } from "./isPresent.js";
import { weightedPearson } from "./weightedMoments.js";
import { sortOrder, weightedMidRanks } from "./weightedRanks.js";

/** Subject-level data: one value per subject for the outcome and for each feature (null = missing). */
export interface SubjectFeatures {
  subjects: readonly string[];
  outcome: readonly (number | null)[];
  features: readonly { name: string; values: readonly (number | null)[] }[];
}

/** Features sharing the same complete subjects share the outcome's weights and ranks in a resample. */
interface CompleteSet {
  subjects: Int32Array;
  y: Float64Array;
  orderY: Int32Array;
  w: Float64Array;
  ry: Float64Array;
}

/**
 * Spearman or Pearson correlation of every feature with the outcome over subjects, resampling subjects
 * (units = subjects, one value each, e.g. the change from baseline at a landmark visit). Each feature
 * uses the subjects where both values are present. Spearman = Pearson's r of the mid-ranks of the
 * resampled (expanded) data, as R's cor(x[i], y[i], method = "spearman"); sort orders are computed once
 * and the outcome's ranks once per resample and set of complete subjects, so a resample costs
 * O(subjects) per feature.
 */
export function featureCorrelationStatistic(method: "spearman" | "pearson", data: SubjectFeatures): ResampleStatistic {
  const n = data.subjects.length;
  const sets = new Map<string, CompleteSet>();
  const kernels = data.features.map((feature) => {
    const complete: number[] = [];
    for (let s = 0; s < n; s++) if (isPresent(feature.values[s]) && isPresent(data.outcome[s])) complete.push(s);
    const key = complete.join(",");
    let set = sets.get(key);
    if (set === undefined) {
      const y = Float64Array.from(complete, (s) => data.outcome[s] as number);
      set = {
        subjects: Int32Array.from(complete),
        y,
        orderY: sortOrder(y),
        w: new Float64Array(complete.length),
        ry: new Float64Array(complete.length),
      };
      sets.set(key, set);
    }
    const x = Float64Array.from(complete, (s) => feature.values[s] as number);
    return { set, x, orderX: sortOrder(x), rx: new Float64Array(complete.length) };
  });
  const allSets = [...sets.values()];
  return {
    names: data.features.map((f) => f.name),
    unitCount: n,
    evaluate(counts, out) {
      for (const set of allSets) {
        for (let i = 0; i < set.subjects.length; i++) set.w[i] = counts[set.subjects[i]];
        if (method === "spearman") weightedMidRanks(set.y, set.orderY, set.w, set.ry);
      }
      for (let f = 0; f < kernels.length; f++) {
        const { set, x, orderX, rx } = kernels[f];
        out[f] = method === "pearson" ? weightedPearson(x, set.y, set.w) : weightedPearson(weightedMidRanks(x, orderX, set.w, rx), set.ry, set.w);
      }
    },
  };
}
