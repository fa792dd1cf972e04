import { describe, expect, it } from "vitest";
import { estimatePi0, qvalue } from "../src/index.js";
import { resampledMse } from "../src/qvalue/pi0.js";
import { rFixture } from "./fixtures.js";

const p = rFixture.qvalue.find((c) => c.name === "hedenfalk")!.p as number[];

describe("pi0 by the resampling bootstrap (Storey, Taylor & Siegmund 2004)", () => {
  it("is reproducible: the same seed gives the same pi0; pi0(lambda) is the deterministic one", () => {
    const a = estimatePi0(p, { method: "resampling-bootstrap", seed: 7 });
    const b = estimatePi0(p, { method: "resampling-bootstrap", seed: 7 });
    expect(a.pi0).toBe(b.pi0);
    expect(Array.from(a.pi0Lambda)).toEqual(Array.from(estimatePi0(p).pi0Lambda));
    // The chosen pi0 is one of the pi0(lambda) (capped at 1).
    expect(Array.from(a.pi0Lambda).map((v) => Math.min(v, 1))).toContain(a.pi0);
  });

  it("its Monte Carlo MSE converges to the closed form W/(m^2 (1-lambda)^2)(1 - W/m) + (pi0(lambda) - min pi0)^2", () => {
    const estimate = estimatePi0(p);
    const m = p.length;
    const samples = 2000;
    const mse = resampledMse(p, estimate.lambda, estimate.pi0Lambda, samples, 11);
    const minPi0 = Math.min(...estimate.pi0Lambda);
    estimate.lambda.forEach((l, k) => {
      const w = estimate.pi0Lambda[k] * m * (1 - l);
      const expected = (w / (m * m * (1 - l) ** 2)) * (1 - w / m) + (estimate.pi0Lambda[k] - minPi0) ** 2;
      // Monte Carlo relative error is about sqrt(2 / 2000) = 3 % where the variance term dominates.
      expect(Math.abs(mse[k] / samples - expected) / expected, `lambda ${l}`).toBeLessThan(0.12);
    });
  });

  it("gives a pinned pi0 on hedenfalk with seed 1 and 100 resamples, and q-values scaled by it", () => {
    const result = qvalue(p, { method: "resampling-bootstrap" });
    // pi0(0.55), R: 0.67577988082719953 (qvalue's pi0est(p)$pi0.lambda[11]).
    expect(result.pi0).toBe(0.6757798808271995);
    const unscaled = qvalue(p, { pi0: 1 }).qvalues as number[];
    (result.qvalues as number[]).forEach((q, i) => expect(q).toBeCloseTo(result.pi0 * unscaled[i], 15));
  });
});
