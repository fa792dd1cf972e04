import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SurvivalInputError, turnbull } from "../src/index.js";

interface Case {
  name: string;
  left: number[];
  right: (number | null)[];
  survfit: { time: number[]; n_risk: number[]; n_event: number[]; n_censor: number[]; surv: number[]; median: number | null };
  exact: { lower: number[]; upper: number[]; mass: number[] };
}
const fixture = JSON.parse(readFileSync(new URL("./fixtures/turnbull-r.json", import.meta.url), "utf8")) as { cases: Case[] };

describe("turnbull", () => {
  for (const c of fixture.cases) {
    const fit = turnbull(c.left.map((left, i) => ({ left, right: c.right[i] })));
    it(`${c.name}: Turnbull intervals and NPMLE masses equal the self-consistency solution iterated to 1e-15 in R (1e-9)`, () => {
      expect(fit.converged).toBe(true);
      const byInterval = new Map(fit.intervals.map((iv) => [`${iv.lower},${iv.upper}`, iv.mass]));
      expect(fit.intervals.length).toBe(c.exact.lower.length);
      c.exact.lower.forEach((lower, j) => {
        const mass = byInterval.get(`${lower},${c.exact.upper[j]}`);
        expect(mass, `interval (${lower}, ${c.exact.upper[j]}]`).toBeDefined();
        expect(Math.abs((mass as number) - c.exact.mass[j])).toBeLessThan(1e-9);
      });
    });
    it(`${c.name}: curve rows and median equal survival::survfit(Surv(l, r, type = "interval2")) (S to 1e-3: survfit stops its EM when S moves by < 5e-5)`, () => {
      expect(fit.steps.map((s) => s.time)).toEqual(c.survfit.time);
      fit.steps.forEach((s, i) => {
        expect(Math.abs(s.survival - c.survfit.surv[i]), `S at ${s.time}`).toBeLessThan(1e-3);
        // Expected counts carry survfit's early stop times n.
        expect(Math.abs(s.atRisk - c.survfit.n_risk[i])).toBeLessThan(1e-3 * c.left.length);
        expect(Math.abs(s.events - c.survfit.n_event[i])).toBeLessThan(1e-3 * c.left.length);
        expect(s.censored).toBe(c.survfit.n_censor[i]);
      });
      expect(fit.median).toBe(c.survfit.median);
    });
  }
  it("the median's Turnbull interval brackets survfit's midpoint median", () => {
    const fit = turnbull([
      { left: 54, right: 367 }, { left: 28, right: 56 }, { left: 56, right: 84 }, { left: 14, right: 28 }, { left: 84, right: 168 }, { left: 364, right: null },
    ]);
    expect(fit.median).toBe(70);
    expect(fit.medianInterval).toEqual({ lower: 56, upper: 84 });
  });
  it("rejects an interval with right < left and unknown options", () => {
    expect(() => turnbull([{ left: 5, right: 3 }])).toThrow(SurvivalInputError);
    expect(() => turnbull([{ left: 5, right: 8 }], { tol: 1 } as never)).toThrow(/unknown option/);
  });
});
