import { UnknownOptionError } from "@biomarker/numerics";
import { describe, expect, it } from "vitest";
import {
  anovaTypeIII,
  buildDesign,
  denominatorDf,
  fitLmm,
  fitLmmByFeatureAll,
  lmmInference,
  marginalMeansOf,
  parametricBootstrap,
  parametricBootstrapParallel,
  predictLmm,
  profileConfint,
} from "../src/index.js";

const data = {
  y: [5.1, 6.3, 4.8, 7.9, 8.4, 7.1, 3.2, 4.4, 3.9, 6.6, 7.0, 6.1],
  x: [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2],
  g: ["a", "a", "a", "b", "b", "b", "c", "c", "c", "d", "d", "d"],
};
const formula = "y ~ x + (1 | g)";

describe("public functions reject unknown option keys and values", () => {
  it("fitLmm: { REML: false } no longer fits by REML silently", () => {
    expect(() => fitLmm(data, formula, { REML: false } as object)).toThrow(/fitLmm: unknown option 'REML'; valid options are reml, levels, start, denominatorDf/);
    expect(() => fitLmm(data, formula, { reml: "no" as unknown as boolean })).toThrow(UnknownOptionError);
    expect(() => buildDesign(data, formula, { level: {} } as object)).toThrow(UnknownOptionError);
  });

  it("inference: { ddf: 'Kenward-Roger' } no longer falls back to z tests", () => {
    const fit = fitLmm(data, formula);
    expect(() => lmmInference(fit, { ddf: "Kenward-Roger" as "kenward-roger" })).toThrow(/ddf = "Kenward-Roger" is not valid; use "satterthwaite", "kenward-roger", "none"/);
    expect(() => lmmInference(fit, { anvoa: true } as object)).toThrow(UnknownOptionError);
    expect(() => denominatorDf("KR" as "kenward-roger")).toThrow(UnknownOptionError);
    expect(() => denominatorDf("satterthwaite", { singular: "as-fitted" } as object)).toThrow(UnknownOptionError);
    expect(() => anovaTypeIII(fit, { ddf: "none" as "satterthwaite" })).toThrow(UnknownOptionError);
    expect(() => marginalMeansOf(fit, "g", { ddf: "satterthwaite", adjust: "tukey" as "holm" })).toThrow(UnknownOptionError);
    expect(() => profileConfint(fit, { conf: 0.9 } as object)).toThrow(UnknownOptionError);
    expect(() => predictLmm(fit, data, { level: "group" as "subject" })).toThrow(UnknownOptionError);
    expect(() => parametricBootstrap(fit, { nsim: 10, seed: 1, workers: 2 } as never)).toThrow(UnknownOptionError);
  });

  it("batch and parallel bootstrap reject unknown keys", async () => {
    await expect(fitLmmByFeatureAll({ ...data, f: data.x.map(() => "f1") }, formula, { by: "f", ddf: "KR" as "none" })).rejects.toThrow(UnknownOptionError);
    await expect(parametricBootstrapParallel(fitLmm(data, formula), { nsim: 10, seed: 1, cores: 2 } as never)).rejects.toThrow(UnknownOptionError);
  });
});
