import { UnknownOptionError } from "@biomarker/numerics";
import { describe, expect, it } from "vitest";
import { bootstrap, bootstrapFeaturesParallel, bootstrapTable, resamplingPlan, statisticOf } from "../src/index.js";

describe("public functions reject unknown option keys and values", () => {
  it("resamplingPlan, bootstrap and bootstrapTable: an unknown key and a bad value throw UnknownOptionError", () => {
    expect(() => resamplingPlan(6, { reps: 100 } as object)).toThrow(UnknownOptionError);
    expect(() => resamplingPlan(6, { exactLimit: 1.5 })).toThrow(UnknownOptionError);
    const mean = statisticOf([1, 2, 3, 4], (sample) => sample.reduce((s, v) => s + v, 0) / sample.length, "mean");
    expect(() => bootstrap(mean, { sed: 1 } as object)).toThrow(/unknown option 'sed'; valid options are replicates, seed, exactLimit/);
    const frame = { columns: { a: [1, 2, 3, 4] }, rows: 4 };
    expect(() => bootstrapTable(frame as never, { statistic: "mean", x: "a", confLevel: 0.9 } as never)).toThrow(UnknownOptionError);
  });

  it("bootstrapFeaturesParallel rejects an unknown key", async () => {
    await expect(bootstrapFeaturesParallel({} as never, { worker: 2 } as object)).rejects.toThrow(UnknownOptionError);
  });
});
