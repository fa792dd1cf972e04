import { describe, expect, it } from "vitest";
import { fitLmmWithFallback } from "../src/inference/singularFallback.js";
import { readCsv } from "./inference-fixtureModel.js";

const rows = readCsv("inference-sim.csv");
const sim = {
  subject: rows.map((r) => r.subject),
  day: rows.map((r) => Number(r.day)),
  value: rows.map((r) => Number(r.value)),
  flat: rows.map((r) => Number(r.flat)),
};

describe("singular-fit fallback policy", () => {
  it("a non-singular fit is returned unchanged with no steps", () => {
    const r = fitLmmWithFallback(sim, "value ~ day + (day | subject)");
    expect(r.originalSingular).toBe(false);
    expect(r.steps).toEqual([]);
  });

  it("a singular (day | subject) fit is simplified step by step and every step is recorded", () => {
    const r = fitLmmWithFallback(sim, "flat ~ day + (day | subject)");
    expect(r.originalSingular).toBe(true);
    expect(r.steps[0]).toMatchObject({ action: "drop-correlation", from: "(day | subject)", to: "(1 | subject) + (0 + day | subject)" });
    const last = r.steps.at(-1)!;
    expect(last.singularAfter).toBe(r.fit.singular);
    if (r.steps.length === 2) expect(r.steps[1]).toMatchObject({ action: "drop-slope", to: "(1 | subject)" });
    expect(r.fit.theta.length).toBeLessThan(3);
  });
});
