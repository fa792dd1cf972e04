import { FormulaSyntaxError, LmmInputError, fitLmm } from "@biomarker/lmm";
import { describe, expect, it } from "vitest";
import { GlmmInputError, binomial, buildGlmmDesign, glmmTerms, poisson } from "../src/index.js";

describe("GLMM formula syntax", () => {
  it("reads cbind(k, n - k) as successes out of trials and cbind(k, f) as successes and failures", () => {
    expect(glmmTerms("cbind(k, n - k) ~ visit + (1 | subject)").response).toMatchObject({
      kind: "successesTrials",
      successes: { column: "k" },
      trials: { column: "n" },
    });
    expect(glmmTerms("cbind(k, f) ~ 1 + (1 | g)").response).toMatchObject({ kind: "successesFailures", failures: { column: "f" } });
  });
  it("collects offset() terms outside the model matrix", () => {
    const { terms } = glmmTerms("y ~ x + offset(log(exposure)) + (1 | g)");
    expect(terms.offsets?.map((o) => o.label)).toEqual(["log(exposure)"]);
    expect(terms.fixed.variables.map((v) => v.label)).toEqual(["x"]);
  });
  it("rejects malformed cbind() and offset() with the position", () => {
    expect(() => glmmTerms("cbind(k, n - j) ~ 1 + (1 | g)")).toThrow(FormulaSyntaxError);
    expect(() => glmmTerms("cbind(k) ~ 1 + (1 | g)")).toThrow(/two arguments/);
    expect(() => glmmTerms("y ~ log(a, b) + (1 | g)")).toThrow(/one argument/);
    expect(() => glmmTerms("y ~ 1 + (offset(a) | g)")).toThrow(/offset/);
  });
  it("lmm refuses offset() rather than ignoring it", () => {
    const data = { y: [1, 2, 3, 4], a: [1, 1, 1, 1], g: ["a", "a", "b", "b"] };
    expect(() => fitLmm(data, "y ~ 1 + offset(a) + (1 | g)")).toThrow(LmmInputError);
  });
});

describe("GLMM design checks", () => {
  const data = { k: [1, 2, 0, 3], n: [5, 5, 5, 5], g: ["a", "a", "b", "b"] };
  it("keeps one level per observation (an observation-level random effect) as glmer does", () => {
    const design = buildGlmmDesign({ ...data, obs: ["1", "2", "3", "4"] }, "cbind(k, n - k) ~ 1 + (1 | obs)", binomial);
    expect(design.q).toBe(4);
  });
  it("rejects successes above the trials and non-integer counts, naming the row", () => {
    expect(() => buildGlmmDesign({ ...data, k: [1, 6, 0, 3] }, "cbind(k, n - k) ~ 1 + (1 | g)", binomial)).toThrow(/row 3/);
    expect(() => buildGlmmDesign({ ...data, k: [1, 2.5, 0, 3] }, "k ~ 1 + (1 | g)", poisson)).toThrow(GlmmInputError);
    expect(() => buildGlmmDesign(data, "cbind(k, n - k) ~ 1 + (1 | g)", poisson)).toThrow(/binomial/);
  });
});
