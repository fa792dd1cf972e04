import { runAnalysis, validatePlan, type Results } from "../../src/index.js";
import { syntheticPlan, syntheticStudy } from "../fixtures/syntheticStudy.js";

/** Two reports that differ in every rendered file (the title appears in each), for the replacement tests. */
export function twoReports(): [Results, Results] {
  const a = runAnalysis(syntheticStudy(), validatePlan(syntheticPlan));
  return [a, { ...a, title: `${a.title} (second)` }];
}
