import type { CorrelationResult } from "@biomarker/correlation";
import { discreteBH, pAdjust } from "@biomarker/multiple-testing";

/**
 * FDR-adjusted p-values of the landmark-change Spearman tests. At n = 6 every exact Spearman p-value
 * takes one of a few attainable values, and BH treats them as uniform, which is conservative; the
 * discrete BH step-down procedure of Doehler, Durand & Roquain (2018) uses each test's attainable
 * p-values (its support) instead. When some test has no exact support (Monte Carlo or asymptotic p),
 * plain BH is used; `method` says which.
 */
export function changeFdr(tests: readonly CorrelationResult[]): { method: "DBH-SD" | "BH"; qValues: (number | null)[] } {
  const exact = tests.every((t) => t.pValue === null || t.support !== null);
  if (!exact || tests.every((t) => t.pValue === null)) return { method: "BH", qValues: pAdjust(tests.map((t) => t.pValue), "BH") };
  const result = discreteBH(
    tests.map((t) => ({ pValue: t.pValue, support: t.support ?? Float64Array.of(1) })),
    { direction: "step-down" },
  );
  return { method: "DBH-SD", qValues: result.adjusted as (number | null)[] };
}
