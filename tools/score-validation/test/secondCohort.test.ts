import { describe, expect, it } from "vitest";
import { secondCohort, SECOND_OUTCOME } from "../src/secondCohort.js";
import { visitAdjustedSlope } from "../src/visitAdjusted.js";

describe("second data-generating process", () => {
  it("is a function of the seed: the same seed gives the same cohort, another seed another", () => {
    expect(JSON.stringify(secondCohort(7))).toBe(JSON.stringify(secondCohort(7)));
    expect(JSON.stringify(secondCohort(8).study.measurements)).not.toBe(JSON.stringify(secondCohort(7).study.measurements));
  });

  it("has 40 candidates (16 trackers with a sign, 24 without), D0 and D28 visits, an integer outcome and censored trough values with their limit", () => {
    const { study, truth } = secondCohort(11);
    expect(truth).toHaveLength(40);
    expect(truth.filter((t) => t.tracks)).toHaveLength(16);
    expect(truth.every((t) => (t.tracks ? t.direction !== 0 : t.direction === 0))).toBe(true);
    const visits = new Set(study.measurements.map((m) => m.visit));
    expect(visits.has("D0") && visits.has("D28")).toBe(true);
    const outcome = study.measurements.filter((m) => m.feature === SECOND_OUTCOME);
    expect(outcome.every((m) => Number.isInteger(m.value) && (m.value as number) >= 0)).toBe(true);
    const censored = study.measurements.filter((m) => m.censored);
    expect(censored.length).toBeGreaterThan(0);
    expect(censored.every((m) => m.value === null && m.limit !== null && m.feature.includes("time_trend"))).toBe(true);
  });
});

describe("visit-adjusted stand-in comparator", () => {
  it("on a balanced design equals the closed-form two-way demeaned slope to 1e-12", () => {
    const subjects = ["a", "b", "c", "d"];
    const visits = ["V1", "V2", "V3"];
    const subject: string[] = [];
    const visit: string[] = [];
    const x: number[] = [];
    const y: number[] = [];
    let state = 3;
    const noise = () => ((state = (state * 16807) % 2147483647) / 2147483647) - 0.5;
    subjects.forEach((s, i) =>
      visits.forEach((v, j) => {
        subject.push(s);
        visit.push(v);
        const xv = i + 0.5 * j + noise();
        x.push(xv);
        y.push(2 * i - j + 0.7 * xv + noise());
      }),
    );
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const demean = (v: number[]) => {
      const grand = mean(v);
      const bySubject = new Map(subjects.map((s) => [s, mean(v.filter((_, k) => subject[k] === s))]));
      const byVisit = new Map(visits.map((w) => [w, mean(v.filter((_, k) => visit[k] === w))]));
      return v.map((value, k) => value - (bySubject.get(subject[k]) as number) - (byVisit.get(visit[k]) as number) + grand);
    };
    const rx = demean(x);
    const ry = demean(y);
    const beta = rx.reduce((a, v, k) => a + v * ry[k], 0) / rx.reduce((a, v) => a + v * v, 0);
    expect(Math.abs((visitAdjustedSlope(subject, visit, x, y).estimate as number) - beta)).toBeLessThan(1e-12);
  });
});
