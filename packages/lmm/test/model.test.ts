import { describe, expect, it } from "vitest";
import { fitLmm } from "../src/index.js";
import { fixtures, readReference } from "./referenceData.js";

/** The LmmModel object the inference code builds on, checked against lme4 and against dense algebra. */
describe("LmmModel", () => {
  const reml = fixtures.models.find((m) => m.id === "sleepstudy-reml")!;
  const ml = fixtures.models.find((m) => m.id === "sleepstudy-ml")!;
  const fit = fitLmm(readReference("sleepstudy"), reml.formula);
  const model = fit.model;

  it("criterionAt(theta) is lme4's devfun: R's optimum value at R's theta", () => {
    expect(Math.abs(model.criterionAt(reml.theta).criterion - reml.criterion)).toBeLessThan(1e-8);
  });

  it("estimatesAt(theta) gives beta, sigma and the unscaled vcov at that theta", () => {
    const e = model.estimatesAt(model.theta);
    expect(Array.from(e.beta)).toEqual(Array.from(model.beta));
    expect(e.sigma).toBeCloseTo(reml.sigma, 6);
    expect(Math.sqrt(e.unscaledVcov[3]) * e.sigma).toBeCloseTo(reml.stdError[1], 6);
  });

  it("refitWith({ reml: false }) is the ML fit", () => {
    const m = model.refitWith({ reml: false });
    expect(Math.abs(m.criterionAt(m.theta).criterion - ml.criterion)).toBeLessThan(1e-6);
  });

  it("refit(y) on the same response reproduces the fit; on another response it fits that response", () => {
    const again = model.refit(model.y);
    expect(Array.from(again.theta).map((t) => t.toFixed(5))).toEqual(Array.from(model.theta).map((t) => t.toFixed(5)));
    const shifted = model.refit(Array.from(model.y, (v, i) => v + 3 * model.x[i + model.n]));
    expect(shifted.beta[1] - model.beta[1]).toBeCloseTo(3, 6);
  });

  it("zDense and lambda give Z Lambda u = Z b, and the fitted values", () => {
    const z = model.zDense();
    const lambda = model.lambda(model.theta);
    const { n, q } = model;
    const b = new Float64Array(q);
    for (let r = 0; r < q; r++) for (let c = 0; c < q; c++) b[r] += lambda[r + q * c] * model.u[c];
    b.forEach((v, k) => expect(v).toBeCloseTo(model.b[k], 10));
    for (let i = 0; i < n; i += 17) {
      let eta = model.x[i] * model.beta[0] + model.x[i + n] * model.beta[1];
      for (let c = 0; c < q; c++) eta += z[i + n * c] * model.b[c];
      expect(eta).toBeCloseTo(fit.fitted[i], 8);
    }
  });

  it("thetaLower marks diagonal entries of T with 0 and off-diagonal with -Infinity", () => {
    expect(Array.from(model.thetaLower)).toEqual([0, -Infinity, 0]);
  });
});
