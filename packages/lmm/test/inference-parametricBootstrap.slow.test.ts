import { describe, expect, it } from "vitest";
import { modelParameters, parametricBootstrap, percentileEndpoint } from "../src/inference/parametricBootstrap.js";
import { parametricBootstrapParallel } from "../src/inference/parametricBootstrapParallel.js";
import { profileConfint } from "../src/inference/profile.js";
import { fixtureModels, reference, refitFor, relativeError } from "./inference-fixtureModel.js";

describe("parametric bootstrap", () => {
  it("the test refit recovers lme4's fit of the original response (theta to 1e-5, beta to 1e-7)", () => {
    const model = fixtureModels.sleepstudyReml();
    const fit = refitFor(model)(model.y);
    model.theta.forEach((t, k) => expect(Math.abs(fit.theta[k] - t)).toBeLessThan(1e-5));
    model.beta.forEach((b, k) => expect(relativeError(fit.beta[k], b)).toBeLessThan(1e-7));
  });

  it("parameters are named and valued as lme4's confint: SDs, correlation, sigma, fixed effects", () => {
    const { names, values } = modelParameters(fixtureModels.sleepstudyMl());
    expect(names).toEqual(reference.profile.sleepstudyMl.parameter);
    // sd of the intercept = sigma * theta_1
    const fit = reference.models.sleepstudyMl.fit;
    expect(values[0]).toBeCloseTo(fit.sigma * fit.theta[0], 10);
  });

  it("same seed gives identical output; any split into shards gives the same replicates", () => {
    const model = fixtureModels.simSlope();
    const refit = refitFor(model);
    const a = parametricBootstrap(model, { nsim: 12, seed: 7, refit });
    const b = parametricBootstrap(model, { nsim: 12, seed: 7, refit });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const s1 = parametricBootstrap(model, { nsim: 12, seed: 7, refit, range: [0, 5] });
    const s2 = parametricBootstrap(model, { nsim: 12, seed: 7, refit, range: [5, 12] });
    expect(JSON.stringify([...s1.replicates, ...s2.replicates])).toBe(JSON.stringify(a.replicates));
    const c = parametricBootstrap(model, { nsim: 12, seed: 8, refit });
    expect(JSON.stringify(c.replicates)).not.toBe(JSON.stringify(a.replicates));
  });

  it("percentile end points follow boot's norm.inter (integer order statistic and interpolation)", () => {
    const sorted = Float64Array.from({ length: 39 }, (_, i) => i + 1);
    // (39 + 1) * 0.025 = 1 -> the smallest; (39 + 1) * 0.975 = 39 -> the largest.
    expect(percentileEndpoint(sorted, 0.025)).toBe(1);
    expect(percentileEndpoint(sorted, 0.975)).toBe(39);
    // R: boot:::norm.inter(1:99, c(0.025, 0.975)) = 2.5422494988397579, 97.4577505011602483.
    const s99 = Float64Array.from({ length: 99 }, (_, i) => i + 1);
    expect(percentileEndpoint(s99, 0.025)).toBeCloseTo(2.5422494988397579, 12);
    expect(percentileEndpoint(s99, 0.975)).toBeCloseTo(97.4577505011602483, 12);
  });

  it("sleepstudy ML: 100 replicates give Days and sigma intervals near the profile intervals (within 20%)", () => {
    const model = fixtureModels.sleepstudyMl();
    const boot = parametricBootstrap(model, { nsim: 100, seed: 2026, refit: refitFor(model) });
    const profile = profileConfint(model);
    for (const name of ["Days", "sigma"]) {
      const b = boot.intervals.find((r) => r.parameter === name)!;
      const p = profile.find((r) => r.parameter === name)!;
      const width = (p.upper as number) - (p.lower as number);
      expect(Math.abs((b.lower as number) - (p.lower as number)) / width).toBeLessThan(0.2);
      expect(Math.abs((b.upper as number) - (p.upper as number)) / width).toBeLessThan(0.2);
    }
    expect(boot.failed).toBe(0);
  });

  it("on worker threads the result is identical to the single-threaded run (2 and 3 workers)", async () => {
    const model = fixtureModels.simSlope();
    const sequential = parametricBootstrap(model, { nsim: 120, seed: 99 });
    for (const workers of [2, 3]) {
      const parallel = await parametricBootstrapParallel(model, { nsim: 120, seed: 99, workers });
      expect(JSON.stringify(parallel)).toBe(JSON.stringify(sequential));
    }
  });
});
