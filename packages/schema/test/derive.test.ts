import { describe, expect, it } from "vitest";
import {
  arcsineSqrtPercent,
  baselines,
  censoredMean,
  centredLogRatio,
  changesAtVisit,
  changesFromBaseline,
  difference,
  rankCodes,
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

const obs = (value: number) => ({ kind: "observed", value }) as const;
const atMost = (bound: number) => ({ kind: "at-most", bound }) as const;
const atLeast = (bound: number) => ({ kind: "at-least", bound }) as const;
const key = "007\u0000c3";

describe("baseline", () => {
  it("last-pre-dose: the last non-missing value on day <= 0", () => {
    const b = baselines([m(-7, 0.6), m(0, null), m(3, 0.9)], { kind: "last-pre-dose" });
    expect(b.get(key)).toMatchObject({ value: obs(0.6), visits: ["D-7"], days: [-7] });
    expect(baselines([m(-7, 0.6), m(0, 0.65), m(3, 0.9)], { kind: "last-pre-dose" }).get(key)?.value).toEqual(obs(0.65));
  });

  it("last-pre-dose is configurable: the last pre-dose day, or flagged days (ADaM ABLFL)", () => {
    const rows = [m(-7, 0.6), m(0, 0.65), m(3, 0.9)];
    expect(baselines(rows, { kind: "last-pre-dose", lastPreDoseDay: -1 }).get(key)?.value).toEqual(obs(0.6));
    expect(baselines(rows, { kind: "last-pre-dose", flaggedDays: new Map([[key, -7]]) }).get(key)?.value).toEqual(obs(0.6));
  });

  it("visit: the value at the named visit; a censored one is at most its limit", () => {
    expect(baselines([m(-7, 0.6), m(0, 0.65)], { kind: "visit", visit: "D-7" }).get(key)?.value).toEqual(obs(0.6));
    expect(baselines([m(-7, 0.6), m(0, null, "<", 0.05)], { kind: "visit", visit: "D0" }).get(key)?.value).toEqual(atMost(0.05));
    expect(baselines([m(-7, 0.6)], { kind: "visit", visit: "D0" }).has(key)).toBe(false);
  });

  it("mean of the pre-dose visits by hand: (0.5 + 0.7) / 2; with one below the LLOQ it is at most (0.6 + 0.05) / 2", () => {
    const rule = { kind: "mean", visits: ["D-7", "D0"] } as const;
    expect(baselines([m(-7, 0.5), m(0, 0.7), m(7, 1)], rule).get(key)).toMatchObject({ value: obs(0.6), visits: ["D-7", "D0"] });
    expect(baselines([m(-7, 0.6), m(0, null, "<", 0.05)], rule).get(key)?.value).toEqual(atMost(0.325));
    expect(baselines([m(-7, null, "<", 0.05), m(0, null, "<", 0.15)], rule).get(key)?.value).toEqual(atMost(0.1));
    // A missing pre-dose visit: the mean of those present.
    expect(baselines([m(-7, null), m(0, 0.7)], rule).get(key)).toMatchObject({ value: obs(0.7), visits: ["D0"] });
  });

  it("takes the transform before the mean: log10 baseline = mean of log10 values", () => {
    const b = baselines([m(-7, 10), m(0, 1000)], { kind: "mean", visits: ["D-7", "D0"] }, Math.log10).get(key);
    expect(b?.value).toEqual(obs(2));
  });

  it("rejects unknown rule kinds and empty visit lists", () => {
    expect(() => baselines([], { kind: "median" } as never)).toThrow(/unknown baseline rule kind 'median'/);
    expect(() => baselines([], { kind: "mean", visits: [] })).toThrow(/at least one visit/);
    expect(() => baselines([], { kind: "visit", visit: "" })).toThrow(/needs a visit label/);
  });
});

describe("change from baseline", () => {
  it("observed - observed by hand: 0.5 -> 0.8 is +0.3; the baseline row has change 0", () => {
    const rows = changesFromBaseline([m(0, 0.5), m(28, 0.8)]);
    expect(rows[1].change.kind).toBe("observed");
    expect((rows[1].change as { value: number }).value).toBeCloseTo(0.3, 15);
    expect(rows[0]).toMatchObject({ change: obs(0), isBaseline: true, baselineVisits: ["D0"] });
    expect(rows[1].isBaseline).toBe(false);
  });

  it("a follow-up below the LLOQ gives 'at most limit - baseline' (log10 scale: log10(0.5) - log10(200))", () => {
    const rows = changesFromBaseline([m(0, 200), m(7, null, "<", 0.5)], { baseline: { kind: "visit", visit: "D0" }, transform: Math.log10 });
    expect(rows[1].change).toEqual(atMost(Math.log10(0.5) - Math.log10(200)));
    expect(rows[1].value).toEqual(atMost(Math.log10(0.5)));
  });

  it("a censored baseline gives 'at least value - limit'; both censored is unknown; never dropped", () => {
    expect(changesFromBaseline([m(0, null, "<", 0.05), m(7, 0.2)])[1].change).toEqual(atLeast(0.2 - 0.05));
    expect(changesFromBaseline([m(0, null, "<", 0.05), m(7, null, "<", 0.05)])[1].change).toEqual({ kind: "unknown" });
    expect(changesFromBaseline([m(7, 0.2)])[0].change).toEqual({ kind: "missing" });
    expect(changesFromBaseline([m(0, 0.5), m(7, null)])[1].change).toEqual({ kind: "missing" });
    expect(changesFromBaseline([m(0, 0.5), m(7, null), m(14, 0.1)])).toHaveLength(3);
  });

  it("from a censored mean baseline: observed follow-up is at least value - bound", () => {
    const rows = changesFromBaseline([m(-7, 0.6), m(0, null, "<", 0.05), m(7, 1)], { baseline: { kind: "mean", visits: ["D-7", "D0"] } });
    expect(rows[2].change).toEqual(atLeast(1 - 0.325));
    expect(rows[0].isBaseline && rows[1].isBaseline).toBe(true);
  });

  it("changesAtVisit lists one change per subject in the given order, missing when absent", () => {
    const rows = changesFromBaseline([m(0, 0.5), m(7, 0.6)]);
    expect(changesAtVisit(rows, "c3", "D7", ["007", "008"])).toEqual([obs(0.6 - 0.5), { kind: "missing" }]);
  });
});

describe("censored arithmetic", () => {
  it("difference and mean follow interval arithmetic", () => {
    expect(difference(atMost(1), obs(3))).toEqual(atMost(-2));
    expect(difference(obs(1), atMost(3))).toEqual(atLeast(-2));
    expect(difference(atLeast(1), atMost(3))).toEqual(atLeast(-2));
    expect(difference(atMost(1), atLeast(3))).toEqual(atMost(-2));
    expect(difference(atMost(1), atMost(3))).toEqual({ kind: "unknown" });
    expect(censoredMean([obs(1), obs(3)])).toEqual(obs(2));
    expect(censoredMean([obs(1), atMost(3)])).toEqual(atMost(2));
  });
});

describe("rank codes", () => {
  it("ties censored changes below every observed one when their bounds allow, and says so", () => {
    const r = rankCodes([obs(-1), atMost(-2.5), obs(0.5), atMost(-3), { kind: "missing" }]);
    expect(r).toMatchObject({ tiedBelow: 2, tiedAbove: 0, leftOut: 0 });
    expect(r.codes).toEqual([-1, -4, 0.5, -4, null]);
  });

  it("leaves out a bound that overlaps the observed values, and unknown changes", () => {
    const r = rankCodes([obs(-1), atMost(0), obs(0.5), { kind: "unknown" }, atLeast(2)]);
    expect(r).toMatchObject({ tiedBelow: 0, tiedAbove: 1, leftOut: 2 });
    expect(r.codes).toEqual([-1, null, 0.5, null, 3]);
  });

  it("all censored: one tie (a constant column)", () => {
    expect(rankCodes([atMost(-2), atMost(-3)]).codes).toEqual([-4, -4]);
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
