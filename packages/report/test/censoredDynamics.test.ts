import { fitCensoredLmm } from "@biomarker/lmm";
import { describe, expect, it } from "vitest";
import { runAnalysis, validatePlan } from "../src/index.js";
import { signTestPValue } from "../src/analysis/signTest.js";
import { reportFigures } from "../src/render/figureList.js";
import { reportTables } from "../src/render/tables.js";
import { syntheticPlan, syntheticStudy } from "./fixtures/syntheticStudy.js";

describe("exact sign test", () => {
  it("matches R's binom.test(k, n) to 1e-15 (dyadic exact values)", () => {
    // binom.test(k, 6)$p.value and binom.test(k, 7)$p.value, R 4.x.
    const r6 = [0.03125, 0.21875, 0.6875, 1, 0.6875, 0.21875, 0.03125];
    const r7 = [0.015625, 0.125, 0.453125, 1, 1, 0.453125, 0.125, 0.015625];
    r6.forEach((p, k) => expect(Math.abs((signTestPValue(k, 6) as number) - p)).toBeLessThanOrEqual(1e-15));
    r7.forEach((p, k) => expect(Math.abs((signTestPValue(k, 7) as number) - p)).toBeLessThanOrEqual(1e-15));
    expect(signTestPValue(3, 10)).toBeCloseTo(0.34375, 15);
    expect(signTestPValue(0, 0)).toBeNull();
    expect(() => signTestPValue(3, 2)).toThrow(RangeError);
  });
});

describe("section 3 on the censored likelihood", () => {
  // S4's D7 B-cell value also below the LLOQ: every subject is censored at D7.
  const study = syntheticStudy();
  const s4d7 = study.measurements.find((m) => m.feature === "b_cells_count" && m.subject === "S4" && m.visit === "D7")!;
  Object.assign(s4d7, { value: null, censored: true, limit: 1 });
  const plan = validatePlan(syntheticPlan);
  const results = runAnalysis(study, plan);
  const b = results.immuneDynamics.features.find((f) => f.feature === "b_cells_count")!;

  it("fits a feature with censored values by fitCensoredLmm: the change at a visit is its coefficient", () => {
    expect(b.fit?.censoring).toEqual({ method: "likelihood", censored: 7, substituted: 0 });
    const rows = study.measurements.filter((m) => m.feature === "b_cells_count");
    const direct = fitCensoredLmm(
      {
        value: rows.map((m) => (m.censored ? null : Math.log10(m.value as number))),
        censored: rows.map((m) => (m.censored ? "<" : "")),
        limit: rows.map((m) => (m.censored ? Math.log10(m.limit as number) : null)),
        visit: rows.map((m) => m.visit),
        subject: rows.map((m) => m.subject),
      },
      "value ~ visit + (1 | subject)",
      { levels: { visit: ["D0", "D-7", "D7", "D28", "D168"] } },
    );
    const d28 = b.fit!.contrasts.find((c) => c.visit === "D28")!;
    const coefficient = direct.fixedEffects.find((e) => e.term === "visitD28")!;
    expect(d28.estimate).toBe(coefficient.estimate);
    expect(d28.stdError).toBe(coefficient.stdError);
    expect(d28.pValue).toBe(coefficient.pValue);
    expect(d28.df).toBe(coefficient.df);
  });

  it("an all-censored visit is a one-sided bound, without p-value, and outside the multiplicity family", () => {
    const d7 = b.fit!.contrasts.find((c) => c.visit === "D7")!;
    expect(d7).toMatchObject({ estimate: null, pValue: null, pAdjusted: null });
    expect(d7.bound?.side).toBe("upper");
    expect(d7.bound!.value).toBeLessThan(0);
    const estimable = results.immuneDynamics.features.flatMap((f) => f.fit?.contrasts ?? []).filter((c) => c.estimate !== null);
    expect(results.immuneDynamics.adjustment).toContain(`across ${estimable.length} tests`);
    expect(results.immuneDynamics.adjustment).toContain("1 non-estimable changes");
    expect(b.fit!.means.find((m) => m.visit === "D7")!.estimate).toBeNull();
  });

  it("a feature without censored values keeps the REML fit with the plan's df", () => {
    const cd4 = results.immuneDynamics.features.find((f) => f.feature === "cd4_count")!;
    expect(cd4.fit?.censoring).toEqual({ method: "reml", censored: 0, substituted: 0 });
  });

  it("the sensitivity table has likelihood, half-LLOQ (flagged substituted) and exclude for the >= 20% censored feature only", () => {
    const rows = results.immuneDynamics.sensitivity;
    expect(new Set(rows.map((r) => r.feature))).toEqual(new Set(["b_cells_count"]));
    const d7 = rows.find((r) => r.visit === "D7")!;
    expect(d7.censoredFraction).toBeCloseTo(7 / 19, 14);
    expect(d7.likelihood?.bound?.side).toBe("upper");
    expect(d7.halfLloq?.substituted).toBe(7);
    expect(d7.halfLloq?.estimate).not.toBeNull();
    // Excluding censored values leaves no D7 data: no contrast.
    expect(d7.exclude).toBeNull();
  });

  it("the depletion summary counts samples below the LLOQ, bounds the fall and sign-tests each visit", () => {
    const d = results.immuneDynamics.depletion.find((x) => x.feature === "b_cells_count")!;
    const s1 = d.subjects.find((s) => s.subject === "S1")!;
    // S1: D7 and D28 below the LLOQ of 1 of 3 post-dose samples; change <= log10(1) - log10(260).
    expect(s1).toMatchObject({ belowLloq: 2, measured: 3 });
    expect(s1.changeBound).toBeCloseTo(-Math.log10(260), 14);
    expect(s1.guaranteedFall).toBeCloseTo(1 - 1 / 260, 14);
    const d7 = d.visits.find((v) => v.visit === "D7")!;
    expect(d7).toMatchObject({ decreased: 4, increased: 0, undetermined: 0, pValue: 0.125 });
  });

  it("no figure draws a model mean below the LLOQ as measured; tables flag bounds and substitution", () => {
    const figure = reportFigures(results).find((f) => f.caption.startsWith("CD19+ B cells"))!;
    expect(figure.markup).toContain("model mean below the LLOQ, not drawn as measured");
    const tables = reportTables(results).dynamics;
    const contrasts = tables.find((t) => t.id === "dynamics-change-from-baseline")!;
    const d7 = contrasts.rows.find((r) => r[0] === "b_cells_count" && r[1] === "D7")!;
    expect(d7[3]).toMatch(/^<= -\d/);
    const sensitivity = tables.find((t) => t.id === "dynamics-censoring-sensitivity")!;
    expect(String(sensitivity.rows.find((r) => r[2] === "D28")![5])).toContain("\u2020");
  });

  it("with censoring.lmm half-lloq every estimate of the feature is flagged as resting on substituted values", () => {
    const r = runAnalysis(study, validatePlan({ ...syntheticPlan, censoring: { lmm: "half-lloq" } }));
    const fit = r.immuneDynamics.features.find((f) => f.feature === "b_cells_count")!.fit!;
    expect(fit.censoring).toEqual({ method: "half-lloq", censored: 7, substituted: 7 });
    const rows = reportTables(r).dynamics.find((t) => t.id === "dynamics-change-from-baseline")!.rows.filter((x) => x[0] === "b_cells_count");
    expect(rows.every((x) => String(x[10]).startsWith("\u2020"))).toBe(true);
  });
});
