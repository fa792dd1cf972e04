import { createRandomStream } from "@biomarker/numerics";
import { describe, expect, it } from "vitest";
import { bootstrap, bootstrapFeaturesParallel, evaluateReplicates, featureStatistic, type FeatureStatisticSpec } from "../src/index.js";

function specs(): FeatureStatisticSpec[] {
  const rng = createRandomStream(17);
  const subjects = Array.from({ length: 8 }, (_, s) => `S${s}`);
  const subject = subjects.flatMap((s) => [s, s, s, s, s]);
  const features = (length: number) =>
    Array.from({ length: 12 }, (_, f) => ({ name: `f${f}`, values: Array.from({ length }, () => (rng.nextDouble() < 0.05 ? null : rng.nextNormal())) }));
  return [
    { kind: "rmcorr", data: { subject, outcome: subject.map(() => rng.nextNormal()), features: features(subject.length) } },
    { kind: "spearman", data: { subjects, outcome: subjects.map(() => rng.nextNormal()), features: features(subjects.length) } },
  ];
}

const bytes = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe("bootstrap on worker threads", () => {
  for (const [spec, counts] of specs().map((s, k) => [s, k === 0 ? [1, 2] : [3]] as const)) {
    it(`${spec.kind}: ${counts.join(" and ")} worker(s) give byte-identical distributions to the single-threaded bootstrap`, async () => {
      const options = { replicates: 2500, seed: 99 };
      const reference = bootstrap(featureStatistic(spec), options);
      for (const workers of counts) {
        const parallel = await bootstrapFeaturesParallel(spec, { ...options, workers });
        expect(bytes(parallel.values).equals(bytes(reference.values))).toBe(true);
        expect(bytes(parallel.jackknife).equals(bytes(reference.jackknife))).toBe(true);
        expect(parallel.replicates).toBe(2500);
      }
    });
  }

  it("any split of the replicate range evaluates to the same block", () => {
    const statistic = featureStatistic(specs()[0]);
    const whole = evaluateReplicates(statistic, 5, 0, 300);
    const m = statistic.names.length;
    const parts = [evaluateReplicates(statistic, 5, 200, 300), evaluateReplicates(statistic, 5, 0, 200)];
    for (let j = 0; j < m; j++) {
      expect(Array.from(parts[1].subarray(j * 200, (j + 1) * 200))).toEqual(Array.from(whole.subarray(j * 300, j * 300 + 200)));
      expect(Array.from(parts[0].subarray(j * 100, (j + 1) * 100))).toEqual(Array.from(whole.subarray(j * 300 + 200, (j + 1) * 300)));
    }
  });
});
