import { describe, expect, it } from "vitest";
import {
  arcsineSqrtPercent,
  baselineValues,
  centredLogRatio,
  changesFromBaseline,
  logTransform,
  logitPercent,
  singleCellClr,
  type Measurement,
} from "../src/index.js";

function m(
  day: number,
  value: number | null,
  censored: "<" | null = null,
  limit: number | null = null,
  feature = "c3"
): Measurement {
  return { subject: "007", visit: `D${day}`, day, feature, value, unit: "g/L", censored, limit };
}

describe("baseline", () => {
  it("is the last non-missing pre-dose value (day <= 0 by default)", () => {
    const b = baselineValues([m(-7, 0.6), m(0, null), m(3, 0.9)]);
    expect(b.get("007\u0000c3")?.day).toBe(-7);
    expect(baselineValues([m(-7, 0.6), m(0, 0.65), m(3, 0.9)]).get("007\u0000c3")?.value).toBe(0.65);
  });

  it("is configurable: the last pre-dose day, or flagged days (ADaM ABLFL)", () => {
    const rows = [m(-7, 0.6), m(0, 0.65), m(3, 0.9)];
    expect(baselineValues(rows, { lastPreDoseDay: -1 }).get("007\u0000c3")?.value).toBe(0.6);
    expect(baselineValues(rows, { flaggedDays: new Map([["007\u0000c3", -7]]) }).get("007\u0000c3")?.value).toBe(0.6);
  });
});

describe("change from baseline", () => {
  it("computes change and percent change by hand: 0.5 -> 0.8 is +0.3 and +60 %", () => {
    const rows = changesFromBaseline([m(0, 0.5), m(28, 0.8)]);
    expect(rows[1].change).toBeCloseTo(0.3, 15);
    expect(rows[1].percentChange).toBeCloseTo(60, 12);
    expect(rows[0]).toMatchObject({ change: 0, percentChange: 0, baselineDay: 0 });
  });

  it("is null with a reason for censored values, a censored or zero baseline, or no baseline", () => {
    expect(changesFromBaseline([m(0, 0.5), m(7, null, "<", 0.05)])[1]).toMatchObject({
      change: null,
      reason: "censored value",
    });
    expect(changesFromBaseline([m(0, null, "<", 0.05), m(7, 0.2)])[1]).toMatchObject({
      change: null,
      reason: "censored baseline",
    });
    expect(changesFromBaseline([m(7, 0.2)])[0]).toMatchObject({ change: null, reason: "no baseline" });
    expect(changesFromBaseline([m(0, 0), m(7, 0.2)])[1]).toMatchObject({ change: 0.2, percentChange: null });
  });
});

describe("transforms", () => {
  it("log, logit and arcsine-sqrt by hand", () => {
    expect(logTransform(Math.E)).toBeCloseTo(1, 15);
    expect(logTransform(0)).toBeNull();
    expect(logTransform(0, 1)).toBe(0);
    expect(logitPercent(50)).toBe(0);
    expect(logitPercent(75)).toBeCloseTo(Math.log(3), 15);
    expect(logitPercent(0)).toBeNull();
    expect(logitPercent(0, 0.001)).toBeCloseTo(Math.log(0.001 / 0.999), 15);
    expect(arcsineSqrtPercent(50)).toBeCloseTo(Math.PI / 4, 15);
    expect(arcsineSqrtPercent(100)).toBeCloseTo(Math.PI / 2, 15);
    expect(arcsineSqrtPercent(101)).toBeNull();
  });

  it("centred log-ratio: counts (1, 3, 8) with pseudocount 1 give log(2,4,9) minus their mean, summing to 0", () => {
    const clr = centredLogRatio([1, 3, 8], 1);
    const mean = (Math.log(2) + Math.log(4) + Math.log(9)) / 3;
    expect(Array.from(clr)).toEqual(
      [Math.log(2) - mean, Math.log(4) - mean, Math.log(9) - mean].map((x) => expect.closeTo(x, 14))
    );
    expect(clr.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 14);
  });

  it("single-cell CLR fills absent cell types with 0 counts", () => {
    const rows = singleCellClr([
      { subject: "1", visit: "D0", day: 0, cellType: "B", count: 10 },
      { subject: "1", visit: "D0", day: 0, cellType: "T", count: 30 },
      { subject: "1", visit: "D28", day: 28, cellType: "T", count: 40 },
    ]);
    expect(rows.map((r) => [r.visit, r.cellType, r.count, r.proportion])).toEqual([
      ["D0", "B", 10, 0.25],
      ["D0", "T", 30, 0.75],
      ["D28", "B", 0, 0],
      ["D28", "T", 40, 1],
    ]);
    expect(rows[2].clr).toBeCloseTo(Math.log(0.5) - (Math.log(0.5) + Math.log(40.5)) / 2, 14);
  });
});
