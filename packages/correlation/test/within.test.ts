import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CorrelationInputError, correlationMatrix, withinSubjectAssociation } from "../src/index.js";

interface RTest {
  estimate: number;
  stdError: number;
  df: number;
  statistic: number;
  pValue: number;
}
interface WithinCase {
  name: string;
  subject: string[];
  visit: string[];
  x: (number | null)[];
  y: (number | null)[];
  n: number;
  subjects: number;
  singular: boolean;
  betweenEstimate: number;
  satterthwaite: RTest;
  kenwardRoger: RTest;
}
const fixture = JSON.parse(readFileSync(new URL("./fixtures/within-r.json", import.meta.url), "utf8")) as { cases: WithinCase[] };

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe("withinSubjectAssociation matches lmerTest and pbkrtest (scripts/r-reference/correlation-within.R)", () => {
  for (const c of fixture.cases) {
    for (const ddf of ["satterthwaite", "kenward-roger"] as const) {
      it(`${c.name}, ${ddf}: estimate to 1e-7 SE, SE and df to 1e-7, p to 1e-6 relative`, () => {
        const r = withinSubjectAssociation(c.subject, c.visit, c.x, c.y, { ddf });
        const ref = ddf === "satterthwaite" ? c.satterthwaite : c.kenwardRoger;
        expect(r.reason).toBeNull();
        expect(r.n).toBe(c.n);
        expect(r.subjects).toBe(c.subjects);
        expect(r.singular).toBe(c.singular);
        expect(Math.abs(r.estimate! - ref.estimate)).toBeLessThan(1e-7 * ref.stdError);
        expect(relative(r.stdError!, ref.stdError)).toBeLessThan(1e-7);
        expect(Math.abs(r.statistic! - ref.statistic)).toBeLessThan(1e-7);
        expect(relative(r.df!, ref.df)).toBeLessThan(1e-7);
        expect(relative(r.pValue!, ref.pValue)).toBeLessThan(1e-6);
        expect(relative(r.betweenEstimate!, c.betweenEstimate)).toBeLessThan(1e-6);
        expect(r.pValueMethod).toBe(ddf);
      });
    }
  }
});

describe("withinSubjectAssociation on degenerate and bad input", () => {
  const subject = ["a", "a", "a", "b", "b", "b", "c", "c", "c"];
  const visit = ["1", "2", "3", "1", "2", "3", "1", "2", "3"];
  const y = [1, 2, 4, 2, 3, 3, 5, 4, 6];

  it("x constant within every subject gives estimate null and the reason", () => {
    const r = withinSubjectAssociation(subject, visit, [1, 1, 1, 2, 2, 2, 3, 3, 3], y);
    expect(r.estimate).toBeNull();
    expect(r.reason).toMatch(/does not vary within any subject/);
  });

  it("x that moves only with the visit (collinear with the visit factor) gives estimate null", () => {
    const r = withinSubjectAssociation(subject, visit, [1, 2, 3, 11, 12, 13, 21, 22, 23], y);
    expect(r.estimate).toBeNull();
    expect(r.reason).toMatch(/collinear with the visit factor/);
  });

  it("one subject gives estimate null", () => {
    const r = withinSubjectAssociation(["a", "a", "a"], ["1", "2", "3"], [1, 3, 2], [1, 2, 3]);
    expect(r.estimate).toBeNull();
    expect(r.reason).toMatch(/at least 2/);
  });

  it("censored rows are not silently dropped: estimate null with the count", () => {
    const censoredX = subject.map((_, i) => i === 0);
    const r = withinSubjectAssociation(subject, visit, [null, 2, 3, 1, 5, 2, 4, 2, 9], y, { censoredX });
    expect(r.estimate).toBeNull();
    expect(r.reason).toMatch(/1 row\(s\) with a censored value/);
  });

  it("rows missing x or y are dropped before centring", () => {
    const x = [1, 5, 3, 2, 4, 1, 7, 2, 5];
    const withMissing = withinSubjectAssociation([...subject, "a"], [...visit, "4"], [...x, 100], [...y, null]);
    const without = withinSubjectAssociation(subject, visit, x, y);
    expect(withMissing.n).toBe(9);
    expect(withMissing.estimate).toBe(without.estimate);
  });

  it("unknown options, bad ddf and mismatched lengths throw CorrelationInputError", () => {
    expect(() => withinSubjectAssociation(subject, visit, y, y, { df: 3 } as never)).toThrow(CorrelationInputError);
    expect(() => withinSubjectAssociation(subject, visit, y, y, { ddf: "wald" } as never)).toThrow(CorrelationInputError);
    expect(() => withinSubjectAssociation(subject, visit.slice(1), y, y)).toThrow(CorrelationInputError);
  });
});

describe("correlationMatrix with method within", () => {
  const c = fixture.cases[3];
  it("gives each pair the single-call result and adjusts across the table", () => {
    const rows = correlationMatrix(
      { x: { f: c.x, g: c.y }, y: { out: c.y }, subject: c.subject, visit: c.visit },
      { method: "within", ddf: "kenward-roger", adjust: (p) => p.map((v) => (v === null ? null : Math.min(1, 2 * v))) },
    );
    const single = withinSubjectAssociation(c.subject, c.visit, c.x, c.y, { ddf: "kenward-roger" });
    expect(rows[0]).toMatchObject({ x: "f", y: "out", method: "within", estimate: single.estimate, df: single.df, pValue: single.pValue });
    expect(rows[0].pAdjusted).toBe(Math.min(1, 2 * single.pValue!));
  });
  it("needs subject and visit", () => {
    expect(() => correlationMatrix({ x: { f: c.x }, y: { out: c.y }, subject: c.subject }, { method: "within" })).toThrow(/subject and the visit/);
  });
});
