import type { BootstrapDistribution } from "@biomarker/bootstrap";

export interface FeatureStability {
  /** P*(sign of the resampled estimate = sign of the estimate), over resamples where it is defined. */
  signKeeping: number | null;
  /** P*(the feature is among the k largest |estimate| x scale of the resample); undefined values rank last. */
  topK: number;
}

/**
 * Stability of every output of a multi-feature bootstrap (all features see the same resamples, so
 * the ranks within a resample are comparable). Weights are the resample probabilities. Features are
 * ranked within a resample by |value| x scale[j] (default 1; the score passes each feature's coverage so
 * that the top-k fraction ranks the way the score does).
 */
export function featureStability(distribution: BootstrapDistribution, k: number, scale?: ArrayLike<number>): FeatureStability[] {
  const { replicates: R, estimates, values, weights } = distribution;
  const m = distribution.names.length;
  const topK = new Float64Array(m);
  const kept = Math.min(k, m);
  // The k largest magnitudes of a resample by insertion into a short sorted list (ties: lower feature
  // index first); undefined values never enter.
  const best = new Int32Array(kept);
  const bestMagnitude = new Float64Array(kept);
  for (let r = 0; r < R; r++) {
    let size = 0;
    for (let j = 0; j < m; j++) {
      const v = values[j * R + r];
      if (Number.isNaN(v)) continue;
      const a = Math.abs(v) * (scale === undefined ? 1 : scale[j]);
      if (size === kept && a <= bestMagnitude[kept - 1]) continue;
      let q = size < kept ? size++ : kept - 1;
      while (q > 0 && bestMagnitude[q - 1] < a) {
        bestMagnitude[q] = bestMagnitude[q - 1];
        best[q] = best[q - 1];
        q--;
      }
      bestMagnitude[q] = a;
      best[q] = j;
    }
    for (let q = 0; q < size; q++) topK[best[q]] += weights[r];
  }
  return Array.from({ length: m }, (_, j) => {
    const estimate = estimates[j];
    let same = 0;
    let defined = 0;
    if (!Number.isNaN(estimate) && estimate !== 0) {
      for (let r = 0; r < R; r++) {
        const v = values[j * R + r];
        if (Number.isNaN(v)) continue;
        defined += weights[r];
        if (Math.sign(v) === Math.sign(estimate)) same += weights[r];
      }
    }
    return { signKeeping: defined > 0 ? same / defined : null, topK: topK[j] };
  });
}
