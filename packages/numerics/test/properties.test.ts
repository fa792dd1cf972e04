import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as N from "../src/index.js";

const df = fc.double({ min: 0.3, max: 1e4, noNaN: true });
const shape = fc.double({ min: 0.2, max: 500, noNaN: true });
const settings = { numRuns: 300, seed: 20261125 };

describe("distribution identities on random arguments (fast-check)", () => {
  it("cdf + sf = 1 to 4 ulps for t, F, chi-square and beta", () => {
    fc.assert(
      fc.property(fc.double({ min: -60, max: 60, noNaN: true }), df, df, (x, d1, d2) => {
        const t = N.studentTCdf(x, d1) + N.studentTSf(x, d1);
        const f = N.fCdf(Math.abs(x), d1, d2) + N.fSf(Math.abs(x), d1, d2);
        const c = N.chiSquareCdf(Math.abs(x), d1) + N.chiSquareSf(Math.abs(x), d1);
        return [t, f, c].every((s) => Math.abs(s - 1) <= 4 * Number.EPSILON);
      }),
      settings,
    );
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), shape, shape, (x, a, b) => {
        return Math.abs(N.betaCdf(x, a, b) + N.betaSf(x, a, b) - 1) <= 4 * Number.EPSILON;
      }),
      settings,
    );
  });
  it("symmetry: studentTSf(t) = studentTCdf(-t) exactly, normalSf(z) = normalCdf(-z) exactly", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), df, (t, d) => {
        return N.studentTSf(t, d) === N.studentTCdf(-t, d) && N.normalSf(t) === N.normalCdf(-t);
      }),
      settings,
    );
  });
  it("quantiles invert the cdf to 1e-12 relative in p, plus the rounding of x itself (p = 1e-250..0.5)", () => {
    const logP = fc.double({ min: -250, max: Math.log10(0.5), noNaN: true });
    fc.assert(
      fc.property(logP, df, df, (lp, d1, d2) => {
        const p = 10 ** lp;
        const rel = (got: number): number => Math.abs(got - p) / p;
        // Rounding x to a double moves the probability by up to eps |d log P / d log x|: allow 8 ulps of x.
        const allowed = (cdf: (x: number) => number, x: number): number =>
          1e-12 + 8 * Number.EPSILON * Math.abs(Math.log(cdf(x * (1 + 1e-9)) / cdf(x)) / 1e-9);
        const z = N.normalQuantile(p);
        const t = N.studentTQuantile(p, d1);
        const c = N.chiSquareQuantile(p, d1);
        const cu = N.chiSquareQuantileUpper(p, d1);
        const fu = N.fQuantileUpper(p, d1, d2);
        const fl = N.fQuantile(p, d1, d2);
        const bl = N.betaQuantile(p, d1, d2);
        const tu = N.studentTQuantileUpper(p, d2);
        // Skip quantiles that overflow or fall into the subnormal range (no relative accuracy left to check).
        const checks: [number, (x: number) => number][] = [
          [z, N.normalCdf],
          [t, (x) => N.studentTCdf(x, d1)],
          [c, (x) => N.chiSquareCdf(x, d1)],
          [cu, (x) => N.chiSquareSf(x, d1)],
          [fu, (x) => N.fSf(x, d1, d2)],
          [fl, (x) => N.fCdf(x, d1, d2)],
          [bl, (x) => N.betaCdf(x, d1, d2)],
          [tu, (x) => N.studentTSf(x, d2)],
        ];
        return checks.every(
          ([q, cdf]) => !Number.isFinite(q) || Math.abs(q) < 1e-300 || Math.abs(q) > 1e300 || rel(cdf(q)) < allowed(cdf, q),
        );
      }),
      settings,
    );
  });
  it("two-sided p-values lie in [0, 1] and do not increase with |t|", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), df, (t, dt, d) => {
        const p1 = N.twoSidedTPValue(t, d);
        const p2 = N.twoSidedTPValue(t + dt, d);
        return p1 >= 0 && p1 <= 1 && p2 <= p1;
      }),
      settings,
    );
  });
});

describe("midRanks invariants (fast-check)", () => {
  it("ranks sum to m(m+1)/2 over the m non-NaN values; tie groups account for the repeated values", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(Number.NaN)), { maxLength: 40 }), (values) => {
        const { ranks, tieGroupSizes } = N.midRanks(values);
        const finite = values.filter((v) => !Number.isNaN(v));
        const m = finite.length;
        const sum = Array.from(ranks).filter((r) => !Number.isNaN(r)).reduce((s, r) => s + r, 0);
        const distinct = new Set(finite).size;
        const tied = tieGroupSizes.reduce((s, k) => s + k, 0);
        return sum === (m * (m + 1)) / 2 && m - tied === distinct - tieGroupSizes.length;
      }),
      settings,
    );
  });
});
