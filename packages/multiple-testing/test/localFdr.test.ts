import { describe, expect, it } from "vitest";
import { gaussianKernelDensity, predictSmoothingSpline, qvalue, smoothingSpline } from "../src/index.js";
import { maxRelativeError, rFixture } from "./fixtures.js";

const pieces = rFixture.lfdrPieces;

describe("local FDR (qvalue's lfdr)", () => {
  it("gaussianKernelDensity matches R density(qnorm(p), adjust = 1.5) on hedenfalk: bandwidth to 1e-14, density to 1e-13 of its maximum", () => {
    const density = gaussianKernelDensity(Float64Array.from(pieces.z), 1.5);
    expect(Math.abs(density.bandwidth - pieces.bandwidth) / pieces.bandwidth).toBeLessThan(1e-14);
    expect(maxRelativeError(density.x, pieces.densityX)).toBeLessThan(1e-14);
    // R convolves by FFT: its rounding (~1e-17 absolute) limits the agreement in the far tails.
    const maxY = Math.max(...pieces.densityY);
    const worst = Math.max(...pieces.densityY.map((y, i) => Math.abs(density.y[i] - y) / maxY));
    expect(worst).toBeLessThan(1e-13);
  });

  it("the GCV smoothing spline of that density matches R smooth.spline(x, y): spar to 1e-9, fit to 1e-9", () => {
    const fit = smoothingSpline(pieces.densityX, pieces.densityY);
    expect(fit.iterations).toBe(pieces.gcvIterations);
    expect(Math.abs(fit.spar - pieces.gcvSpar)).toBeLessThan(1e-9);
    expect(Math.abs(fit.df - pieces.gcvDf) / pieces.gcvDf).toBeLessThan(1e-9);
    const atZ = pieces.z.map((z) => predictSmoothingSpline(fit, z));
    const maxY = Math.max(...pieces.gcvAtZ.map(Math.abs));
    expect(Math.max(...atZ.map((v, i) => Math.abs(v - pieces.gcvAtZ[i]) / maxY))).toBeLessThan(1e-9);
  });

  for (const c of rFixture.qvalue) {
    it(`qvalue(p, { lfdr: true }) matches qvalue 2.30's lfdr on ${c.name} (probit and logit) to 1e-11`, () => {
      expect(maxRelativeError(qvalue(c.p, { lfdr: true }).lfdr!, c.lfdr)).toBeLessThan(1e-11);
      expect(maxRelativeError(qvalue(c.p, { lfdr: { transformation: "logit" } }).lfdr!, c.lfdrLogit)).toBeLessThan(1e-11);
    });
  }

  it("is not computed unless asked for", () => {
    expect(qvalue([0.01, 0.2, 0.5, 0.9]).lfdr).toBeNull();
  });
});
