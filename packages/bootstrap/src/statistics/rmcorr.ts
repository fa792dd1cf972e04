import type { ResampleStatistic } from "../statistic.js";
import { unitLayout, type UnitLayout } from "./clusters.js";
import { isPresent } from "./isPresent.js";

/** Longitudinal data: one row per observation (subject, visit), the outcome and each feature. */
export interface LongitudinalFeatures {
  subject: readonly (string | number)[];
  outcome: readonly (number | null)[];
  features: readonly { name: string; values: readonly (number | null)[] }[];
}

/** Within-subject sums of squares and cross-products, subject-major: [s * features + f]. */
interface WithinSums {
  sxx: Float64Array;
  syy: Float64Array;
  sxy: Float64Array;
}

/**
 * Repeated-measures correlation (Bakdash & Marusich 2017) of every feature with the outcome, resampling
 * subjects. rmcorr is the partial correlation of x and y in the ANCOVA y ~ subject + x, which equals
 * r = sum_s Sxy_s / sqrt(sum_s Sxx_s sum_s Syy_s) with S.._s the sums of squares and cross-products of
 * x and y centred on subject s's own means (over its complete pairs). A subject drawn c_s times enters
 * the ANCOVA as c_s distinct subjects with identical data, so r* = sum c_s Sxy_s / sqrt(sum c_s Sxx_s
 * sum c_s Syy_s): each resample costs O(subjects) per feature. Undefined (NaN) when either within-subject
 * sum of squares is 0 in the resample.
 */
export function rmcorrStatistic(data: LongitudinalFeatures): ResampleStatistic & { layout: UnitLayout } {
  const layout = unitLayout(data.subject.length, data.subject);
  const n = layout.unitNames.length;
  const m = data.features.length;
  const sums = withinSums(layout, data);
  return {
    names: data.features.map((f) => f.name),
    unitCount: n,
    layout,
    evaluate(counts, out) {
      for (let f = 0; f < m; f++) {
        let xx = 0;
        let yy = 0;
        let xy = 0;
        for (let s = 0; s < n; s++) {
          const c = counts[s];
          if (c === 0) continue;
          const k = s * m + f;
          xx += c * sums.sxx[k];
          yy += c * sums.syy[k];
          xy += c * sums.sxy[k];
        }
        out[f] = xx > 0 && yy > 0 ? Math.max(-1, Math.min(1, xy / Math.sqrt(xx * yy))) : Number.NaN;
      }
    },
  };
}

function withinSums(layout: UnitLayout, data: LongitudinalFeatures): WithinSums {
  const n = layout.unitNames.length;
  const m = data.features.length;
  const sxx = new Float64Array(n * m);
  const syy = new Float64Array(n * m);
  const sxy = new Float64Array(n * m);
  const rowsOf: number[][] = Array.from({ length: n }, () => []);
  layout.unitOfObservation.forEach((s, k) => rowsOf[s].push(k));
  const y = data.outcome;
  for (let f = 0; f < m; f++) {
    const x = data.features[f].values;
    for (let s = 0; s < n; s++) {
      const rows = rowsOf[s].filter((k) => isPresent(x[k]) && isPresent(y[k]));
      if (rows.length < 2) continue;
      let mx = 0;
      let my = 0;
      for (const k of rows) {
        mx += (x[k] as number) / rows.length;
        my += (y[k] as number) / rows.length;
      }
      let a = 0;
      let b = 0;
      let c = 0;
      for (const k of rows) {
        const dx = (x[k] as number) - mx;
        const dy = (y[k] as number) - my;
        a += dx * dx;
        b += dy * dy;
        c += dx * dy;
      }
      sxx[s * m + f] = a;
      syy[s * m + f] = b;
      sxy[s * m + f] = c;
    }
  }
  return { sxx, syy, sxy };
}
