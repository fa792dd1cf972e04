import { describe, expect, it } from "vitest";
import { ASSOCIATES, fdrStudy } from "./withinSimulation.js";

describe("within model under a shared time course (test/withinSimulation.ts, 6 subjects x 10 visits)", () => {
  it("keeps the false discovery proportion near nominal at BH q <= 0.05 (<= 0.10 averaged over 40 cohorts) with correct signs; rmcorr does not", () => {
    const { within, rmcorr } = fdrStudy(40, 20261204);
    expect(within.meanFdp).toBeLessThanOrEqual(0.1);
    expect(within.correctSign).toBe(1);
    expect(within.meanTruePositives).toBeGreaterThan(ASSOCIATES / 2);
    // The null features share the outcome's time course: rmcorr calls most of them associated.
    expect(rmcorr.meanFdp).toBeGreaterThan(0.5);
  });
});
