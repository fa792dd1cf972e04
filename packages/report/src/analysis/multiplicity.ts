import { discreteBH, pAdjust } from "@biomarker/multiple-testing";
import type { AnalysisPlan } from "../plan/schema.js";

export interface FamilyTest {
  pValue: number | null;
  /** Attainable p-values of an exact test (ascending, ending at 1); null for a continuous p-value. */
  support: ArrayLike<number> | null;
}

/**
 * Adjusted p-values of one family of tests. "dbh" is the discrete Benjamini-Hochberg step-down
 * procedure of Doehler, Durand & Roquain (2018) with each test's exact null support (step-down: it
 * gives adjusted p-values); when a test of the family has a continuous p-value it uses BH, which DBH
 * reduces to for continuous nulls. Other methods are R's p.adjust. Missing p-values stay null.
 */
export function adjustFamily(tests: readonly FamilyTest[], method: AnalysisPlan["multiplicity"]["method"]): { adjusted: (number | null)[]; procedure: string } {
  const p = tests.map((t) => t.pValue);
  if (method !== "dbh") return { adjusted: pAdjust(p, method), procedure: method };
  const tested = tests.filter((t) => t.pValue !== null && Number.isFinite(t.pValue));
  if (tested.length > 0 && tested.every((t) => t.support !== null)) {
    const result = discreteBH(tests.map((t) => ({ pValue: t.pValue, support: t.support ?? [1] })), { direction: "step-down" });
    return { adjusted: result.adjusted ?? p.map(() => null), procedure: "DBH-SD" };
  }
  return { adjusted: pAdjust(p, "BH"), procedure: "BH (continuous p-values)" };
}
