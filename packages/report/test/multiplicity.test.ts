import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pAdjust } from "@biomarker/multiple-testing";
import { applyFamilies } from "../src/analysis/multiplicity.js";
import { runAnalysis, validatePlan, type Results } from "../src/index.js";
import { syntheticPlan, syntheticStudy } from "./fixtures/syntheticStudy.js";

/** Every place a test's adjusted p-value is shown, keyed by the test. */
function shownAdjusted(r: Results): Map<string, number | null>[] {
  const associations = new Map(r.associations.rows.map((a) => [`${a.method}|${a.feature}|${a.outcome}`, a.pAdjusted]));
  const biomarkers = new Map(r.biomarkers.rows.map((b) => [`rmcorr|${b.feature}|${r.biomarkers.outcome}`, b.qValue]));
  return [associations, biomarkers];
}

function checkOneAdjustedPerTest(r: Results): number {
  const [associations, biomarkers] = shownAdjusted(r);
  let compared = 0;
  for (const [key, q] of biomarkers) {
    expect(associations.has(key), key).toBe(true);
    expect(q, key).toBe(associations.get(key));
    compared++;
  }
  return compared;
}

/** Re-adjusts each BH family from the p-values shown and compares with the adjusted values shown. */
function checkFamilies(r: Results): void {
  for (const family of r.multiplicity.families) {
    const rows = family.tests.flatMap((kind) =>
      kind === "changes"
        ? r.immuneDynamics.features.flatMap((f) => f.fit?.contrasts ?? []).map((c) => ({ pValue: c.pValue, pAdjusted: c.pAdjusted }))
        : r.associations.rows.filter((a) => `associations.${a.method}` === kind),
    );
    expect(family.m).toBe(rows.filter((x) => x.pValue !== null).length);
    if (family.procedure !== "BH" || !family.canReject) continue;
    const expected = pAdjust(rows.map((x) => x.pValue), "BH");
    rows.forEach((x, i) => (expected[i] === null ? expect(x.pAdjusted).toBeNull() : expect(x.pAdjusted).toBeCloseTo(expected[i]!, 8)));
  }
}

describe("one adjusted p-value per test, equal across sections", () => {
  it("synthetic study: section 6's q-values are section 5's rmcorr adjusted p-values; each family is BH of its own tests", () => {
    const r = runAnalysis(syntheticStudy(), validatePlan(syntheticPlan));
    expect(checkOneAdjustedPerTest(r)).toBe(r.biomarkers.rows.length);
    checkFamilies(r);
    expect(r.multiplicity.families.map((f) => f.name)).toEqual(["changes from baseline", "within-subject associations", "repeated-measures correlations", "change correlations"]);
    for (const a of r.associations.rows) if (a.pValue !== null) expect(a.family).not.toBeNull();
  });

  it("a family that cannot reject (4-subject Spearman tests: smallest attainable p 2/4! > 0.05) hands out no adjusted p-values and says why", () => {
    const plan = validatePlan(syntheticPlan);
    const got: (number | null)[] = [];
    // Support of the exact two-sided Spearman p at n = 4 without ties (brute force: 2/24 is the smallest).
    const support = [2 / 24, 6 / 24, 10 / 24, 14 / 24, 18 / 24, 1];
    const member = (pValue: number | null) => ({ pValue, support, setAdjusted: (a: number | null) => void got.push(a) });
    const section = applyFamilies(plan, {
      changes: [],
      "associations.within": [],
      "associations.rmcorr": [],
      "associations.spearman-change": [member(2 / 24), member(2 / 24), member(null)],
    });
    const family = section.families.find((f) => f.name === "change correlations")!;
    expect(family).toMatchObject({ canReject: false, m: 2, smallestAttainable: 2 / 24, numberRejected: 0 });
    expect(family.statement).toMatch(/^change correlations: BH across 2 tests cannot reject at 0.05: smallest attainable p 0.0833/);
    expect(got).toEqual([null, null, null]);
  });

  it("the committed golden report (bundled cohort): the same test shows the same adjusted p in every section", () => {
    const golden = JSON.parse(readFileSync(new URL("./golden/csle-bite-sim/results.json", import.meta.url), "utf8")) as Results;
    expect(checkOneAdjustedPerTest(golden)).toBeGreaterThan(0);
    checkFamilies(golden);
    // The negative control is shown, with every method, and is in no family.
    const control = golden.associations.negativeControls.find((c) => c.x === "prednisone" && c.y === "sledai2k");
    expect(control?.rows.map((row) => row.method)).toEqual(["within", "rmcorr", "spearman-change"]);
    for (const row of control!.rows) expect([row.family, row.pAdjusted]).toEqual([null, null]);
  });
});
