import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kaplanMeier } from "../src/index.js";

interface Fixture {
  name: string;
  time: number[];
  event: boolean[];
  steps: { time: number[]; n_risk: number[]; n_event: number[]; n_censor: number[]; surv: number[]; std_err: (number | null)[]; lower: (number | null)[]; upper: (number | null)[] };
  median: number | null;
}
const fixtures = JSON.parse(readFileSync(new URL("./fixtures/kaplan-meier-r.json", import.meta.url), "utf8")) as Fixture[];

/** Relative difference, with R's 15 printed digits as the floor of what can be compared. */
const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)));

describe("kaplanMeier", () => {
  for (const f of fixtures) {
    it(`matches R survival::survfit (conf.type log) on ${f.name} to 1e-12`, () => {
      const curve = kaplanMeier(f.time, f.event, 0.95);
      expect(curve.steps.map((s) => s.time)).toEqual(f.steps.time);
      expect(curve.steps.map((s) => s.atRisk)).toEqual(f.steps.n_risk);
      expect(curve.steps.map((s) => s.events)).toEqual(f.steps.n_event);
      expect(curve.steps.map((s) => s.censored)).toEqual(f.steps.n_censor);
      curve.steps.forEach((s, i) => {
        expect(close(s.survival, f.steps.surv[i]), `surv at ${s.time}`).toBe(true);
        expect(close(Number.isFinite(s.stdErrLog) ? s.stdErrLog : null, f.steps.std_err[i]), `std.err at ${s.time}`).toBe(true);
        expect(close(s.lower, f.steps.lower[i]), `lower at ${s.time}`).toBe(true);
        expect(close(s.upper, f.steps.upper[i]), `upper at ${s.time}`).toBe(true);
      });
      expect(curve.median).toBe(f.median);
    });
  }

  it("returns an empty curve for no subjects", () => {
    expect(kaplanMeier([], [])).toMatchObject({ n: 0, events: 0, steps: [], median: null });
  });
});
