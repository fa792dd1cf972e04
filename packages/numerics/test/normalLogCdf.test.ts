import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normalLogCdf, normalLogCdfDerivative, normalLogSf } from "../src/index.js";

const fixture = JSON.parse(readFileSync(new URL("./fixtures/log-normal-r.json", import.meta.url), "utf8")) as {
  x: number[];
  logCdf: number[];
  logSf: number[];
  derivative: number[];
};

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe("log normal cdf", () => {
  it("normalLogCdf and normalLogSf match R's pnorm(log.p = TRUE) to 1e-12 relative in both tails", () => {
    fixture.x.forEach((x, i) => {
      expect(relative(normalLogCdf(x), fixture.logCdf[i]), `logCdf(${x})`).toBeLessThan(1e-12);
      expect(relative(normalLogSf(x), fixture.logSf[i]), `logSf(${x})`).toBeLessThan(1e-12);
    });
  });

  // R's reference is a difference of two logs of size x^2 / 2: it carries a relative error of ~x^2 eps.
  it("normalLogCdfDerivative matches R's exp(dnorm(log) - pnorm(log.p)) to max(1e-13, 4 eps x^2) relative", () => {
    fixture.x.forEach((x, i) => {
      const tolerance = Math.max(1e-13, 4 * Number.EPSILON * x * x);
      expect(relative(normalLogCdfDerivative(x), fixture.derivative[i]), `derivative(${x})`).toBeLessThan(tolerance);
    });
  });

  it("is continuous where the series takes over (x = -30)", () => {
    const below = normalLogCdf(-30 - 1e-12);
    const above = normalLogCdf(-30);
    expect(Math.abs(below - above)).toBeLessThan(1e-9);
    expect(normalLogCdf(-Infinity)).toBe(-Infinity);
    expect(normalLogCdf(Infinity)).toBe(0);
    expect(normalLogCdfDerivative(-1e8)).toBeCloseTo(1e8, 0);
  });
});
