import { readFileSync } from "node:fs";
import { changesAtVisit, changesFromBaseline, rankCodes } from "@biomarker/schema";
import { spearmanTest } from "@biomarker/correlation";
import { describe, expect, it } from "vitest";
import { runAnalysis, validatePlan, type Results } from "../src/index.js";
import { syntheticPlan, syntheticStudy } from "./fixtures/syntheticStudy.js";

/** Every feature's change-from-baseline Spearman with the primary outcome: section 5 row vs section 6 row. */
function disagreements(results: Results): string[] {
  const outcome = results.biomarkers.outcome;
  const problems: string[] = [];
  for (const row of results.biomarkers.rows) {
    const s5 = results.associations.rows.find((r) => r.feature === row.feature && r.outcome === outcome && r.method === "spearman-change");
    if (s5 === undefined) continue;
    if (s5.n !== row.changeN) problems.push(`${row.feature}: n ${s5.n} (section 5) vs ${row.changeN} (section 6)`);
    const same = s5.estimate === null ? row.changeEstimate === null : row.changeEstimate !== null && Math.abs(s5.estimate - row.changeEstimate) <= 1e-12;
    if (!same) problems.push(`${row.feature}: rho ${s5.estimate} (section 5) vs ${row.changeEstimate} (section 6)`);
  }
  return problems;
}

describe("one change from baseline in every section", () => {
  const study = syntheticStudy();
  const results = runAnalysis(study, validatePlan(syntheticPlan));

  it("no feature's change n or rho differs between the associations and the biomarker sections (synthetic study)", () => {
    expect(results.biomarkers.rows.length).toBeGreaterThan(0);
    expect(disagreements(results)).toEqual([]);
  });

  it("no feature's change n or rho differs between sections in the golden report of the bundled cohort", () => {
    const golden = JSON.parse(readFileSync(new URL("./golden/csle-bite-sim/results.json", import.meta.url), "utf8")) as Results;
    expect(golden.biomarkers.rows.length).toBeGreaterThan(0);
    expect(disagreements(golden)).toEqual([]);
  });

  it("B cells below the LLOQ at the landmark enter as censored changes tied at the bottom, as @biomarker/schema derives them", () => {
    // D28: S1 and S2 below the LLOQ of 1 (changes at most log10(1) - log10(baseline)), S3 12, S4 15.
    const b = study.measurements.filter((m) => m.feature === "b_cells_count");
    const changes = changesAtVisit(changesFromBaseline(b, { baseline: { kind: "visit", visit: "D0" }, transform: Math.log10 }), "b_cells_count", "D28", ["S1", "S2", "S3", "S4"]);
    expect(changes[0]).toEqual({ kind: "at-most", bound: -Math.log10(260) });
    const sledai = study.measurements.filter((m) => m.feature === "sledai2k");
    const dy = changesAtVisit(changesFromBaseline(sledai, { baseline: { kind: "visit", visit: "D0" } }), "sledai2k", "D28", ["S1", "S2", "S3", "S4"]);
    const direct = spearmanTest(rankCodes(changes).codes, rankCodes(dy).codes);
    const row = results.associations.rows.find((r) => r.feature === "b_cells_count" && r.outcome === "sledai2k" && r.method === "spearman-change")!;
    expect(row.n).toBe(4);
    expect(row.estimate).toBe(direct.estimate);
    expect(row.pValue).toBe(direct.pValue);
    expect(row.note).toContain("2 censored change(s) ranked tied below the others");
  });
});
