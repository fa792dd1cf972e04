import { describe, expect, it } from "vitest";
import { gaussHermite, gaussHermiteNormal, NumericsArgumentError } from "../src/index.js";

/** Gamma(k + 1/2) = (2k)! sqrt(pi) / (4^k k!): the exp(-x^2) moment of x^(2k). */
function halfIntegerGamma(k: number): number {
  let value = Math.sqrt(Math.PI);
  for (let j = 1; j <= k; j++) value *= j - 0.5;
  return value;
}

describe("gaussHermite", () => {
  it("matches the closed forms for n = 2 and n = 3 (Abramowitz & Stegun 25.4.46)", () => {
    const two = gaussHermite(2);
    expect(Array.from(two.nodes)).toEqual([-Math.SQRT1_2, Math.SQRT1_2].map((x) => expect.closeTo(x, 15)));
    expect(two.weights[0]).toBeCloseTo(Math.sqrt(Math.PI) / 2, 15);
    const three = gaussHermite(3);
    expect(three.nodes[1]).toBe(0);
    expect(three.nodes[2]).toBeCloseTo(Math.sqrt(1.5), 15);
    expect(three.weights[1]).toBeCloseTo((2 * Math.sqrt(Math.PI)) / 3, 15);
    expect(three.weights[0]).toBeCloseTo(Math.sqrt(Math.PI) / 6, 15);
  });

  it("integrates every monomial of degree <= 2n - 1 exactly, to 1e-12 relative, for n = 1..40", () => {
    for (let n = 1; n <= 40; n++) {
      const { nodes, weights } = gaussHermite(n);
      for (let degree = 0; degree <= 2 * n - 1; degree++) {
        let sum = 0;
        let scale = 0;
        for (let i = 0; i < n; i++) {
          const term = weights[i] * nodes[i] ** degree;
          sum += term;
          scale += Math.abs(term);
        }
        const exact = degree % 2 === 1 ? 0 : halfIntegerGamma(degree / 2);
        expect(Math.abs(sum - exact)).toBeLessThanOrEqual(1e-12 * scale);
      }
    }
  });

  it("has ascending symmetric nodes and positive weights", () => {
    const { nodes, weights } = gaussHermite(25);
    for (let i = 0; i < 25; i++) {
      expect(nodes[i] + nodes[24 - i]).toBe(0);
      expect(weights[i]).toBeGreaterThan(0);
      if (i > 0) expect(nodes[i]).toBeGreaterThan(nodes[i - 1]);
    }
  });

  it("refuses a non-integer or out-of-range number of nodes", () => {
    expect(() => gaussHermite(0)).toThrow(NumericsArgumentError);
    expect(() => gaussHermite(2.5)).toThrow(NumericsArgumentError);
    expect(() => gaussHermite(101)).toThrow(NumericsArgumentError);
  });
});

describe("gaussHermiteNormal", () => {
  it("gives the standard normal moments E z^(2k) = (2k - 1)!! exactly for 2k <= 2n - 1", () => {
    const { nodes, weights } = gaussHermiteNormal(12);
    let doubleFactorial = 1;
    for (let k = 0; 2 * k <= 23; k++) {
      if (k > 0) doubleFactorial *= 2 * k - 1;
      let sum = 0;
      for (let i = 0; i < 12; i++) sum += weights[i] * nodes[i] ** (2 * k);
      expect(sum / doubleFactorial).toBeCloseTo(1, 12);
    }
  });
});
