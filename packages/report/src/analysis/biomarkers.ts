import type { AnalysisPlan } from "../plan/schema.js";
import type { BiomarkersSection } from "../results.js";
import type { ReportStudy } from "../study/model.js";
import { missingExports } from "../packageStatus.js";

/** Section 6: the ranked biomarker score table with intervals and leave-one-subject-out sensitivity. */
export function analyseBiomarkers(_study: ReportStudy, plan: AnalysisPlan): BiomarkersSection {
  const pending: string[] = [];
  const missing = missingExports("@biomarker/bootstrap", ["scoreBiomarkers"]);
  if (missing) pending.push(`Biomarker scores: ${missing}.`);
  return { pending, outcome: plan.outcomes[0]?.feature ?? null, rows: [] };
}
