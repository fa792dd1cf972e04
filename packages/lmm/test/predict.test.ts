import { describe, expect, it } from "vitest";
import { fitLmm, predictLmm } from "../src/index.js";
import { fixtures, readReference } from "./referenceData.js";

describe("predictLmm", () => {
  const ref = fixtures.models.find((m) => m.id === "orthodont-age-sex")!;
  const data = readReference("Orthodont");
  const fit = fitLmm(data, ref.formula, { levels: ref.levels });

  it("subject level on the fitted data reproduces lme4's fitted values to 1e-6", () => {
    const predicted = predictLmm(fit, data);
    predicted.forEach((p, i) => expect(Math.abs((p as number) - ref.fitted[i])).toBeLessThan(1e-6));
  });

  it("population level is X beta with R's coefficients", () => {
    const newData = { age: [8, 14, 11], Sex: ["Male", "Female", "Female"], Subject: ["M01", "F01", "new"] };
    const predicted = predictLmm(fit, newData, { level: "population" });
    const [b0, bAge, bF, bAgeF] = ref.beta;
    const expected = [b0 + 8 * bAge, b0 + 14 * bAge + bF + 14 * bAgeF, b0 + 11 * bAge + bF + 11 * bAgeF];
    predicted.forEach((p, i) => expect(Math.abs((p as number) - expected[i])).toBeLessThan(1e-8));
  });

  it("a new subject gets the population prediction; a known one adds its conditional modes", () => {
    const newData = { age: [11, 11], Sex: ["Female", "Female"], Subject: ["F01", "new"] };
    const subject = predictLmm(fit, newData);
    const population = predictLmm(fit, newData, { level: "population" });
    expect(subject[1]).toBeCloseTo(population[1] as number, 12);
    const re = ref.ranef[0];
    const k = re.levels.indexOf("F01");
    expect(Math.abs((subject[0] as number) - (population[0] as number) - (re.modes[k][0] + 11 * re.modes[k][1]))).toBeLessThan(1e-5);
  });

  it("a row with a missing covariate predicts null; an unknown factor level is an input error", () => {
    expect(predictLmm(fit, { age: [null, 9], Sex: ["Male", "Male"], Subject: ["M01", "M01"] })[0]).toBeNull();
    expect(() => predictLmm(fit, { age: [9], Sex: ["Other"], Subject: ["M01"] })).toThrow(/not among the levels/);
  });
});
