import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { minimizeBounded } from "../src/index.js";

interface RemlCase {
  name: string;
  y: number[];
  x: number[];
  group: number[];
  lme4: { theta: number[]; criterion: number; evaluations: number };
  tight: { theta: number[]; criterion: number };
  criterionAtStart: number;
}
const fixture = JSON.parse(readFileSync(new URL("./fixtures/optimizer-r.json", import.meta.url), "utf8")) as {
  cases: RemlCase[];
};

/**
 * Profiled REML criterion of y ~ 1 + x + (1 + x | group) written out densely, independent of
 * @biomarker/lmm (Bates et al. 2015, eq. 41, in the marginal form):
 *   -2 l_R(theta) = log|V| + log|X'V^-1 X| + (n - p) (1 + log(2 pi r'V^-1 r / (n - p))),
 * V = I + Z Lambda Lambda' Z' is block diagonal by group with blocks I + Z_g Lambda Lambda' Z_g',
 * Lambda = [theta1 0; theta2 theta3], and r = y - X beta_hat the generalized least-squares residual.
 */
function remlCriterion(c: RemlCase): (theta: Float64Array) => number {
  const groups = new Map<number, number[]>();
  c.group.forEach((g, i) => groups.set(g, [...(groups.get(g) ?? []), i]));
  const blocks = [...groups.values()];
  const n = c.y.length;
  const p = 2;
  return (theta) => {
    const [t1, t2, t3] = theta;
    // S = Lambda Lambda' (2 x 2)
    const s11 = t1 * t1;
    const s12 = t1 * t2;
    const s22 = t2 * t2 + t3 * t3;
    let logDetV = 0;
    let xtx00 = 0, xtx01 = 0, xtx11 = 0, xty0 = 0, xty1 = 0, yty = 0;
    for (const rows of blocks) {
      const m = rows.length;
      const v = new Float64Array(m * m);
      for (let a = 0; a < m; a++) {
        for (let b = 0; b < m; b++) {
          const xa = c.x[rows[a]];
          const xb = c.x[rows[b]];
          v[a + b * m] = (a === b ? 1 : 0) + s11 + s12 * (xa + xb) + s22 * xa * xb;
        }
      }
      // Cholesky V_g = L L' and whitening L^-1 [1 x y].
      for (let j = 0; j < m; j++) {
        let d = v[j + j * m];
        for (let k = 0; k < j; k++) d -= v[j + k * m] ** 2;
        d = Math.sqrt(d);
        v[j + j * m] = d;
        logDetV += 2 * Math.log(d);
        for (let i = j + 1; i < m; i++) {
          let e = v[i + j * m];
          for (let k = 0; k < j; k++) e -= v[i + k * m] * v[j + k * m];
          v[i + j * m] = e / d;
        }
      }
      const w = [new Float64Array(m), new Float64Array(m), new Float64Array(m)];
      for (let i = 0; i < m; i++) {
        const raw = [1, c.x[rows[i]], c.y[rows[i]]];
        for (let col = 0; col < 3; col++) {
          let e = raw[col];
          for (let k = 0; k < i; k++) e -= v[i + k * m] * w[col][k];
          w[col][i] = e / v[i + i * m];
        }
      }
      for (let i = 0; i < m; i++) {
        xtx00 += w[0][i] * w[0][i];
        xtx01 += w[0][i] * w[1][i];
        xtx11 += w[1][i] * w[1][i];
        xty0 += w[0][i] * w[2][i];
        xty1 += w[1][i] * w[2][i];
        yty += w[2][i] * w[2][i];
      }
    }
    const det = xtx00 * xtx11 - xtx01 * xtx01;
    const beta0 = (xtx11 * xty0 - xtx01 * xty1) / det;
    const beta1 = (xtx00 * xty1 - xtx01 * xty0) / det;
    const rss = yty - beta0 * xty0 - beta1 * xty1;
    return logDetV + Math.log(det) + (n - p) * (1 + Math.log((2 * Math.PI * rss) / (n - p)));
  };
}

describe("minimizeBounded on profiled REML criteria of random-slope models (lme4 fixtures)", () => {
  for (const c of fixture.cases) {
    const f = remlCriterion(c);
    it(`${c.name}: the test's criterion reproduces lme4's devfun to 1e-11 relative`, () => {
      expect(Math.abs(f(Float64Array.of(1, 0, 1)) / c.criterionAtStart - 1)).toBeLessThan(1e-11);
      expect(Math.abs(f(Float64Array.from(c.lme4.theta)) / c.lme4.criterion - 1)).toBeLessThan(1e-11);
      expect(Math.abs(f(Float64Array.from(c.tight.theta)) / c.tight.criterion - 1)).toBeLessThan(1e-11);
    });
    it(`${c.name}: reaches the true optimum (theta to 1e-6, criterion to 1e-9) where lme4 stops short`, () => {
      const r = minimizeBounded(f, [1, 0, 1], [0, -Infinity, 0], [Infinity, Infinity, Infinity]);
      expect(r.converged).toBe(true);
      for (let i = 0; i < 3; i++) expect(Math.abs(r.x[i] - c.tight.theta[i])).toBeLessThan(1e-6);
      expect(Math.abs(r.value - c.tight.criterion)).toBeLessThan(1e-9);
      expect(r.value).toBeLessThan(c.lme4.criterion);
      expect(r.evaluations).toBeLessThan(160);
    });
    it(`${c.name}: the same optimum from initial trust radii 0.25 to 4 (no stop at the theta_3 = 0 saddle)`, () => {
      for (const initialStep of [0.25, 1, 2, 4]) {
        const r = minimizeBounded(f, [1, 0, 1], [0, -Infinity, 0], [Infinity, Infinity, Infinity], { initialStep });
        expect(r.converged).toBe(true);
        expect(Math.abs(r.value - c.tight.criterion)).toBeLessThan(1e-9);
      }
    });
  }
});
