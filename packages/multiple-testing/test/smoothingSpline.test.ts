import { describe, expect, it } from "vitest";
import { predictSmoothingSpline, smoothingSpline } from "../src/spline/smoothingSpline.js";
import { maxRelativeError, rFixture } from "./fixtures.js";

describe("smoothingSpline", () => {
  for (const c of rFixture.smoothSpline) {
    it(`matches R smooth.spline(df = ${c.df}) on ${c.name}: spar to 1e-11, fit to 1e-10`, () => {
      const fit = smoothingSpline(c.x, c.y, { df: c.df });
      expect(fit.iterations).toBe(c.iterations);
      expect(Math.abs(fit.ratio - c.ratio) / c.ratio).toBeLessThan(1e-12);
      expect(Math.abs(fit.spar - c.spar)).toBeLessThan(1e-11);
      expect(Math.abs(fit.lambda - c.lambda) / c.lambda).toBeLessThan(1e-10);
      expect(Math.abs(fit.df - c.fittedDf)).toBeLessThan(1e-10);
      const predicted = c.x.map((x) => predictSmoothingSpline(fit, x));
      expect(maxRelativeError(predicted, c.fitted)).toBeLessThan(1e-10);
    });
  }
});
