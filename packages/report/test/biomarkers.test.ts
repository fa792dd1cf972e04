import { describe, expect, it } from "vitest";
import { renderMarkdown, reportBiomarkerScores, runAnalysis, validatePlan } from "../src/index.js";
import { syntheticPlan, syntheticStudy } from "./fixtures/syntheticStudy.js";

describe("section 6: candidate biomarkers", () => {
  it("never scores the variables that define the outcome: C3 in a feature group is excluded by default and listed", () => {
    const plan = validatePlan({ ...syntheticPlan, featureGroups: [{ name: "All", features: ["*_count", "c3"], transform: "log10" }] });
    const section = reportBiomarkerScores(syntheticStudy(), plan);
    expect(section.excludePatterns).toEqual(["c3", "c4", "anti_dsdna", "upcr"]);
    expect(section.excluded).toEqual(["c3"]);
    expect(section.rows.map((r) => r.feature).sort()).toEqual(["b_cells_count", "cd4_count"]);
  });

  it("the plan key biomarkers.excludeCandidates replaces the default ([] scores every analysed feature)", () => {
    const plan = validatePlan({ ...syntheticPlan, featureGroups: [{ name: "All", features: ["*_count", "c3"], transform: "log10" }], biomarkers: { excludeCandidates: [] } });
    const section = reportBiomarkerScores(syntheticStudy(), plan);
    expect(section.excluded).toEqual([]);
    expect(section.rows.map((r) => r.feature)).toContain("c3");
  });

  it("equals the section runAnalysis produces, and the text says ranking aid, the exclusion and the interval's measured coverage", () => {
    const plan = validatePlan(syntheticPlan);
    const results = runAnalysis(syntheticStudy(), plan);
    expect(reportBiomarkerScores(syntheticStudy(), plan)).toEqual(results.biomarkers);
    expect(results.biomarkers.interval.method).toBe("bca");
    const markdown = renderMarkdown(results);
    expect(markdown).toMatch(/The score is a ranking aid for choosing features to study, not evidence of association/);
    expect(markdown).toMatch(/Variables that define sledai2k \(c3, c4, anti\\?_dsdna, upcr\) are never candidates/);
    expect(markdown).toMatch(/measured coverage of the nominal 95% BCa interval at n = 6 is 95\.7% \(Monte Carlo SE 0\.4%\)/);
  });
});
