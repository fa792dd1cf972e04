import { describe, expect, it } from "vitest";
import { estimatePi0, qvalue } from "../src/index.js";
import { maxRelativeError, rFixture } from "./fixtures.js";

const hedenfalk = rFixture.qvalue.find((c) => c.name === "hedenfalk")!;

describe("qvalue", () => {
  it("reproduces qvalue's hedenfalk example: pi0 = 0.6699260265 to 1e-8 and 162 q-values <= 0.05", () => {
    expect(hedenfalk.p.length).toBe(3170);
    const result = qvalue(hedenfalk.p);
    expect(Math.abs(result.pi0 - 0.6699260265)).toBeLessThan(1e-8);
    expect(Math.abs(result.pi0 - hedenfalk.pi0)).toBeLessThan(1e-11);
    expect(maxRelativeError(result.qvalues, hedenfalk.qvalues)).toBeLessThan(1e-11);
    expect(result.qvalues.filter((q) => q !== null && q <= 0.05).length).toBe(162);
  });

  for (const c of rFixture.qvalue) {
    it(`matches qvalue 2.30 on ${c.name}: pi0(lambda) to 1e-14, smoother pi0 and q-values to 1e-11`, () => {
      const present = c.p.filter((v): v is number => v !== null);
      const estimate = estimatePi0(present);
      expect(maxRelativeError(estimate.pi0Lambda, c.pi0Lambda)).toBeLessThan(1e-14);
      expect(maxRelativeError(estimate.pi0Smooth!, c.pi0Smooth)).toBeLessThan(1e-11);
      const result = qvalue(c.p);
      expect(Math.abs(result.pi0 - c.pi0) / c.pi0).toBeLessThan(1e-11);
      expect(maxRelativeError(result.qvalues, c.qvalues)).toBeLessThan(1e-11);
      expect(result.qvalues.filter((q) => q !== null && q <= 0.05).length).toBe(c.significantAt005);
    });

    it(`matches qvalue 2.30 on ${c.name}: bootstrap pi0 to 1e-14, bootstrap and pfdr q-values to 1e-11`, () => {
      const boot = qvalue(c.p, { method: "bootstrap" });
      expect(Math.abs(boot.pi0 - c.bootstrapPi0)).toBeLessThan(1e-14);
      expect(maxRelativeError(boot.qvalues, c.bootstrapQvalues)).toBeLessThan(1e-12);
      expect(maxRelativeError(qvalue(c.p, { pfdr: true }).qvalues, c.pfdrQvalues)).toBeLessThan(1e-11);
    });
  }

  for (const c of rFixture.qvalueOptions) {
    it(`matches qvalue 2.30 on hedenfalk with ${c.name}: pi0 and q-values to 1e-11`, () => {
      const o = c.options;
      const result = qvalue(hedenfalk.p, {
        lambda: o.lambda === undefined ? undefined : ([] as number[]).concat(o.lambda),
        smoothLogPi0: o["smooth.log.pi0"],
        smoothDf: o["smooth.df"],
        method: o["pi0.method"],
      });
      expect(Math.abs(result.pi0 - c.pi0) / c.pi0).toBeLessThan(1e-11);
      expect(maxRelativeError(result.qvalues, c.qvalues)).toBeLessThan(1e-11);
    });
  }

  it("q-values with a given pi0 are pi0 times the BH adjustment, flags at fdrLevel, nulls kept", () => {
    const result = qvalue([0.01, null, 0.04, 0.5], { pi0: 0.5, fdrLevel: 0.02 });
    expect(result.qvalues).toEqual([0.5 * 0.03, null, 0.5 * 0.06, 0.5 * 0.5]);
    expect(result.significant).toEqual([true, null, false, false]);
  });

  it("rejects invalid input with an input error", () => {
    expect(() => qvalue([0.1, 1.2])).toThrow(/\[0, 1\]/);
    expect(() => qvalue([null])).toThrow(/at least one/);
    expect(() => qvalue([0.1], { pi0: 0 })).toThrow(/pi0/);
    expect(() => estimatePi0([0.1, 0.2], { lambda: [0.1, 0.2] })).toThrow(/at least four/);
    expect(() => estimatePi0([0.001, 0.002, 0.003, 0.004, 0.005], { lambda: [0.5] })).toThrow(/pi0 is <= 0/);
  });
});
