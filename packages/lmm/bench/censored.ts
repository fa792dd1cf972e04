/**
 * Benchmark cases for the censored-Gaussian mixed model (bench/run.ts imports them): one 6 x 11 feature
 * with a visit factor and a random intercept (target 20 ms), the same with its one-sided bound profiled,
 * and a random intercept and slope (target 100 ms). About 30% of the values are below the limit.
 */
import type { BenchCase } from "@biomarker/bench-harness";
import { createRandomStream } from "@biomarker/numerics";
import { type DataColumns, fitCensoredLmm } from "../src/index.js";

const days = [0, 1, 3, 7, 14, 21, 28, 42, 56, 84, 112];
const depletion = [0, -0.5, -0.9, -3.2, -1.4, -1.1, -0.9, -0.7, -0.5, -0.3, -0.1];

/** 6 subjects x 11 visits, log10 values censored below 1.3 (all of visit V03), seeded. */
function censoredFeature(slopeSd: number): DataColumns {
  const rng = createRandomStream(20261204);
  const columns = { subject: [] as string[], visit: [] as string[], week: [] as number[], value: [] as (number | null)[], censored: [] as string[], limit: [] as (number | null)[] };
  for (let s = 0; s < 6; s++) {
    const b0 = 0.45 * rng.nextNormal();
    const b1 = slopeSd * rng.nextNormal();
    days.forEach((d, k) => {
      const latent = 2.6 + b0 + b1 * (d / 7) + depletion[k] + 0.3 * rng.nextNormal();
      const censored = latent < 1.3;
      columns.subject.push(`S${s + 1}`);
      columns.visit.push(`V${String(k).padStart(2, "0")}`);
      columns.week.push(d / 7);
      columns.value.push(censored ? null : latent);
      columns.censored.push(censored ? "<" : "");
      columns.limit.push(censored ? 1.3 : null);
    });
  }
  return columns;
}

export function censoredBenchCases(): BenchCase[] {
  const intercept = censoredFeature(0);
  const slope = censoredFeature(0.05);
  return [
    {
      name: "censored LMM: 6 x 11 feature, value ~ visit + (1 | subject), one fit (no bound profile)",
      run: () => fitCensoredLmm(intercept, "value ~ visit + (1 | subject)", { bounds: false }),
      iterations: 50,
      targetMs: 20,
    },
    {
      name: "censored LMM: the same fit with the one-sided profile bound of its all-censored visit",
      run: () => fitCensoredLmm(intercept, "value ~ visit + (1 | subject)"),
      iterations: 10,
    },
    {
      name: "censored LMM: 6 x 11 feature, value ~ week + (week | subject), one fit",
      run: () => fitCensoredLmm(slope, "value ~ week + (week | subject)"),
      iterations: 20,
      targetMs: 100,
    },
  ];
}
