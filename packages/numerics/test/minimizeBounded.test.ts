import { describe, expect, it } from "vitest";
import { cholesky, minimizeBounded, NumericsArgumentError, solveLower, solveLowerTransposed } from "../src/index.js";

const I = Infinity;
const maxDistance = (x: ArrayLike<number>, want: ArrayLike<number>): number => {
  let d = 0;
  for (let i = 0; i < want.length; i++) d = Math.max(d, Math.abs(x[i] - want[i]));
  return d;
};
const rosenbrock = (x: Float64Array): number => {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) s += 100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2;
  return s;
};

describe("minimizeBounded on standard test functions with known minima", () => {
  it("Rosenbrock 2-D from (-1.2, 1): (1, 1) to 1e-8", () => {
    const r = minimizeBounded(rosenbrock, [-1.2, 1], [-I, -I], [I, I]);
    expect(r.converged).toBe(true);
    expect(maxDistance(r.x, [1, 1])).toBeLessThan(1e-8);
    expect(r.value).toBeLessThan(1e-16);
    expect(r.evaluations).toBeLessThan(400);
  });
  it("Rosenbrock 4-D from (-1.2, 1, -1.2, 1): (1, 1, 1, 1) to 1e-8", () => {
    const r = minimizeBounded(rosenbrock, [-1.2, 1, -1.2, 1], [-I, -I, -I, -I], [I, I, I, I]);
    expect(r.converged).toBe(true);
    expect(maxDistance(r.x, [1, 1, 1, 1])).toBeLessThan(1e-8);
  });
  it("Rosenbrock 2-D with the minimum cut off by a bound: x2 <= 0.5 gives the constrained optimum", () => {
    // With x2 = 0.5 active the problem is min_x1 100 (0.5 - x1^2)^2 + (1 - x1)^2; its stationary point
    // solves 400 x1^3 - 198 x1 - 2 = 0 (largest root), found here by bisection.
    let lo = 0.5;
    let hi = 1;
    for (let k = 0; k < 200; k++) {
      const mid = (lo + hi) / 2;
      if (400 * mid ** 3 - 198 * mid - 2 > 0) hi = mid;
      else lo = mid;
    }
    const r = minimizeBounded(rosenbrock, [-1.2, 0.2], [-I, -I], [I, 0.5]);
    expect(r.converged).toBe(true);
    expect(r.x[1]).toBe(0.5);
    expect(Math.abs(r.x[0] - lo)).toBeLessThan(1e-8);
  });
  it("Beale on [-4.5, 4.5]^2: (3, 1/2) to 1e-8", () => {
    const beale = ([x, y]: Float64Array): number =>
      (1.5 - x + x * y) ** 2 + (2.25 - x + x * y * y) ** 2 + (2.625 - x + x * y ** 3) ** 2;
    const r = minimizeBounded(beale, [1, 1], [-4.5, -4.5], [4.5, 4.5]);
    expect(r.converged).toBe(true);
    expect(maxDistance(r.x, [3, 0.5])).toBeLessThan(1e-8);
  });
  it("Wood (4-D, Colville) from (-3, -1, -3, -1): (1, 1, 1, 1) to 1e-8", () => {
    const wood = ([a, b, c, d]: Float64Array): number =>
      100 * (b - a * a) ** 2 + (1 - a) ** 2 + 90 * (d - c * c) ** 2 + (1 - c) ** 2 +
      10.1 * ((b - 1) ** 2 + (d - 1) ** 2) + 19.8 * (b - 1) * (d - 1);
    const r = minimizeBounded(wood, [-3, -1, -3, -1], [-I, -I, -I, -I], [I, I, I, I]);
    expect(r.converged).toBe(true);
    expect(maxDistance(r.x, [1, 1, 1, 1])).toBeLessThan(1e-8);
  });
  it("a 10-parameter coupled quadratic with lower bounds 0 matches the exact solution of H x = b to 1e-8", () => {
    // f(x) = sum (i+1)(x_i - 0.1 i)^2 + 0.5 sum (x_i - x_{i-1})^2, minimum interior (all positive).
    const n = 10;
    const f = (v: Float64Array): number => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        s += (i + 1) * (v[i] - 0.1 * i) ** 2;
        if (i > 0) s += 0.5 * (v[i] - v[i - 1]) ** 2;
      }
      return s;
    };
    const h = new Float64Array(n * n);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      h[i + i * n] += 2 * (i + 1);
      b[i] = 2 * (i + 1) * 0.1 * i;
      if (i > 0) {
        h[i + i * n] += 1;
        h[i - 1 + (i - 1) * n] += 1;
        h[i + (i - 1) * n] -= 1;
        h[i - 1 + i * n] -= 1;
      }
    }
    const { factor } = cholesky(h, n);
    const exact = solveLowerTransposed(factor, n, solveLower(factor, n, b));
    expect(exact.every((v) => v > 0)).toBe(true);
    const r = minimizeBounded(f, new Array(n).fill(1), new Array(n).fill(0), new Array(n).fill(I));
    expect(r.converged).toBe(true);
    expect(maxDistance(r.x, exact)).toBeLessThan(1e-8);
  });
});

describe("minimizeBounded at bounds (the LMM's theta >= 0)", () => {
  it("optimum on a bound: min (x-2)^2 + (y+1)^2 + xy/2 on [0,1] x [0,5] is the vertex (1, 0)", () => {
    const r = minimizeBounded(([x, y]) => (x - 2) ** 2 + (y + 1) ** 2 + 0.5 * x * y, [0.5, 2], [0, 0], [1, 5]);
    expect(r.converged).toBe(true);
    expect(Array.from(r.x)).toEqual([1, 0]);
    expect(r.message).toMatch(/KKT/);
  });
  it("one coordinate on its lower bound 0, the other interior: (0, 0.3) to 1e-8", () => {
    const f = ([a, b]: Float64Array): number => Math.log(1 + a * a) + 0.1 * a + (b - 0.3) ** 2;
    const r = minimizeBounded(f, [1, 1], [0, -I], [I, I]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBe(0);
    expect(Math.abs(r.x[1] - 0.3)).toBeLessThan(1e-8);
  });
  it("a deviance-sized objective (f ~ 1500) with an interior optimum: x to 1e-8", () => {
    const f = ([a, b, c]: Float64Array): number =>
      1500 + 30 * Math.log(1 + (a - 0.8) ** 2 + (b - 0.1) ** 2) + 20 * (c - 0.4) ** 2 + 5 * (a - 0.8) * (c - 0.4);
    const r = minimizeBounded(f, [1, 0, 1], [0, -I, 0], [I, I, I]);
    expect(r.converged).toBe(true);
    expect(maxDistance(r.x, [0.8, 0.1, 0.4])).toBeLessThan(1e-8);
    expect(r.evaluations).toBeLessThan(150);
  });
  it("leaves a boundary saddle: f = (a^2 - 1)^2 + b^2 from a = 0 on its bound (zero slope, negative curvature)", () => {
    const r = minimizeBounded(([a, b]) => (a * a - 1) ** 2 + b * b, [0, 0.5], [0, -I], [I, I]);
    expect(r.converged).toBe(true);
    expect(maxDistance(r.x, [1, 0])).toBeLessThan(1e-8);
  });
  it("a fixed coordinate (lower = upper) and a start outside the box are handled", () => {
    const r = minimizeBounded(([a, b, c]) => (a - 1) ** 2 + (b - 2) ** 2 + (c - 3) ** 2, [10, 5, -4], [0, 5, -1], [2, 5, 1]);
    expect(r.converged).toBe(true);
    expect(r.x[1]).toBe(5);
    expect(r.x[2]).toBe(1);
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-8);
  });
});

describe("minimizeBounded on degenerate problems", () => {
  it("a quadratic with a singular Hessian direction: lands on the minimising line, f = 0 to 1e-14", () => {
    const r = minimizeBounded(([a, b, c]) => (a + b - 2) ** 2 + (c - 1) ** 2, [0, 0, 0], [-I, -I, -I], [I, I, I]);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0] + r.x[1] - 2)).toBeLessThan(1e-8);
    expect(Math.abs(r.x[2] - 1)).toBeLessThan(1e-8);
    expect(r.value).toBeLessThan(1e-14);
  });
  it("Powell's singular function (Hessian singular at the minimum): stops on the f criterion with f < 1e-12", () => {
    const powell = ([a, b, c, d]: Float64Array): number =>
      (a + 10 * b) ** 2 + 5 * (c - d) ** 2 + (b - 2 * c) ** 4 + 10 * (a - d) ** 4;
    const r = minimizeBounded(powell, [3, -1, 0, 1], [-I, -I, -I, -I], [I, I, I, I]);
    expect(r.converged).toBe(true);
    expect(r.value).toBeLessThan(1e-12);
    expect(maxDistance(r.x, [0, 0, 0, 0])).toBeLessThan(1e-2); // f ~ x^4: x is only determined to ~f^(1/4)
  });
  it("reports the evaluation budget and a non-finite start instead of throwing", () => {
    const r = minimizeBounded(rosenbrock, [-1.2, 1], [-I, -I], [I, I], { maxEvaluations: 30 });
    expect(r.converged).toBe(false);
    expect(r.evaluations).toBeLessThanOrEqual(30);
    expect(r.message).toMatch(/maxEvaluations/);
    const bad = minimizeBounded(() => NaN, [1], [0], [2]);
    expect(bad.converged).toBe(false);
  });
  it("same inputs give identical results (deterministic)", () => {
    const a = minimizeBounded(rosenbrock, [-1.2, 1], [-I, -I], [I, I]);
    const b = minimizeBounded(rosenbrock, [-1.2, 1], [-I, -I], [I, I]);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(a.evaluations).toBe(b.evaluations);
  });
  it("rejects inconsistent bounds", () => {
    expect(() => minimizeBounded(rosenbrock, [0, 0], [1, 0], [0, 1])).toThrow(NumericsArgumentError);
    expect(() => minimizeBounded(rosenbrock, [0, 0], [0], [1])).toThrow(NumericsArgumentError);
  });
});
