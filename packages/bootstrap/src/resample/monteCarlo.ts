import { createRandomStream, deriveSeed } from "@biomarker/numerics";

/**
 * Draws the count vector of Monte Carlo replicate `replicate`: n units sampled uniformly with
 * replacement. Each replicate has its own stream derived from (seed, "replicate", index), so replicate r
 * is the same whichever order, chunk or worker computes it: results never depend on the partition.
 */
export function drawReplicateCounts(seed: number, replicate: number, n: number, out: Int32Array = new Int32Array(n)): Int32Array {
  const stream = createRandomStream(deriveSeed(seed, "replicate", replicate));
  out.fill(0);
  for (let k = 0; k < n; k++) out[stream.nextInt(n)]++;
  return out;
}

export interface MonteCarloResamples {
  counts: Int32Array;
  weights: Float64Array;
  resamples: number;
}

/** R Monte Carlo replicates of n units; each has weight 1 / R. */
export function drawResamples(n: number, replicates: number, seed: number): MonteCarloResamples {
  const counts = new Int32Array(replicates * n);
  const row = new Int32Array(n);
  for (let r = 0; r < replicates; r++) counts.set(drawReplicateCounts(seed, r, n, row), r * n);
  return { counts, weights: new Float64Array(replicates).fill(1 / replicates), resamples: replicates };
}
