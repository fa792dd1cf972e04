import { describe, expect, it } from "vitest";
import { kaplanMeier, renderHtml, renderMarkdown, runAnalysis, validatePlan } from "../src/index.js";
import { syntheticPlan, syntheticStudy } from "./fixtures/syntheticStudy.js";

describe("report sections on the synthetic study", () => {
  const results = runAnalysis(syntheticStudy(), validatePlan(syntheticPlan));

  it("cohort lists subjects, samples per visit, the exclusion with its reason and censored counts", () => {
    expect(results.cohort.counts).toEqual({ subjects: 4, samples: 20, excludedSamples: 1, features: 4, measurements: 77, censored: 6 });
    expect(results.cohort.exclusions).toEqual([{ subject: "S4", visit: "D168", day: 168, reason: "viability 55% < 70%" }]);
    expect(results.cohort.samplesPerVisit.map((v) => v.visit)).toEqual(["D-7", "D0", "D7", "D28", "D168"]);
    expect(results.cohort.belowLloq).toEqual([{ feature: "b_cells_count", unit: "cells/uL", lloq: 1, censored: 6, measured: 19 }]);
  });

  it("medians per visit rank censored values lowest and are null when the median is censored", () => {
    const b = results.immuneDynamics.features.find((f) => f.feature === "b_cells_count")!;
    // D7: three censored, one observed (20) -> median among censored -> null.
    expect(b.summary.find((s) => s.visit === "D7")).toEqual({ visit: "D7", day: 7, n: 4, censored: 3, median: null });
    // D28: two censored, 12 and 15 -> order statistics 2 and 3 of (c, c, 12, 15) -> (c + 12)/2 undefined -> null.
    expect(b.summary.find((s) => s.visit === "D28")!.median).toBeNull();
    // D168 (S4 excluded): c, 40, 90 -> median 40.
    expect(b.summary.find((s) => s.visit === "D168")).toEqual({ visit: "D168", day: 168, n: 3, censored: 1, median: 40 });
    expect(b.summary.find((s) => s.visit === "D0")!.median).toBe((150 + 260) / 2);
  });

  it("reconstitution days and the Kaplan-Meier curve follow the definitions", () => {
    const r = results.reconstitution!;
    expect(r.subjects.map((s) => [s.subject, s.depletionDay, s.reconstitutionDay, s.lastDay])).toEqual([
      ["S1", 7, 168, 168],
      ["S2", 7, null, 168],
      ["S3", 7, 28, 168],
      ["S4", null, null, 28],
    ]);
    expect(r.kaplanMeier).toEqual(kaplanMeier([168, 168, 28], [true, false, true], 0.95));
  });

  it("single-cell clr values sum to zero per sample and changes are last minus first", () => {
    const sc = results.singleCell;
    const s1d0 = sc.compositions.filter((c) => c.subject === "S1" && c.visit === "D0");
    expect(s1d0.reduce((a, c) => a + c.proportion, 0)).toBeCloseTo(1, 14);
    const s1 = sc.clrChanges.filter((c) => c.subject === "S1");
    expect(s1.reduce((a, c) => a + c.clrFrom, 0)).toBeCloseTo(0, 12);
    const bNaive = s1.find((c) => c.cellType === "B naive")!;
    const clr = (counts: number[], i: number) => Math.log(counts[i] + 0.5) - counts.reduce((a, x) => a + Math.log(x + 0.5), 0) / counts.length;
    // cell types sorted: B naive, Monocyte, T CD4
    expect(bNaive.clrFrom).toBeCloseTo(clr([300, 200, 500], 0), 12);
    expect(bNaive.clrTo).toBeCloseTo(clr([20, 240, 540], 0), 12);
    expect(bNaive.change).toBeCloseTo(bNaive.clrTo - bNaive.clrFrom, 14);
  });

  it("--seed overrides the plan's seed and is recorded in the provenance", () => {
    const r = runAnalysis(syntheticStudy(), validatePlan(syntheticPlan), { seed: 99 });
    expect(r.seed).toBe(99);
    expect(r.methods.provenance.seed).toBe(99);
    expect(r.methods.provenance.planSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.methods.provenance.planSha256).not.toBe(results.methods.provenance.planSha256);
  });
});

describe("degenerate studies give a report that says what is missing", () => {
  it("two subjects, no single-cell data, an outcome never measured: every section renders", () => {
    const study = syntheticStudy(["A", "B"]);
    study.singleCell = [];
    study.measurements = study.measurements.filter((m) => m.feature !== "sledai2k" || m.subject !== "B");
    const r = runAnalysis(study, validatePlan(syntheticPlan));
    expect(r.singleCell.pending).toEqual(["The study has no single-cell counts matching singleCell.cellTypes."]);
    expect(r.biomarkers.rows).toEqual([]);
    expect(r.biomarkers.pending).toEqual(["Biomarker scores: the outcome 'sledai2k' is present for 1 subjects; at least 3 are needed"]);
    const undefinedRows = r.associations.rows.filter((a) => a.estimate === null);
    expect(undefinedRows.every((a) => typeof a.note === "string" && a.note.length > 0)).toBe(true);
    expect(renderHtml(r)).toContain("Not in this report: Biomarker scores: the outcome &#39;sledai2k&#39; is present for 1 subjects");
    expect(() => renderMarkdown(r)).not.toThrow();
  });
});
