import type { AnalysisPlan } from "../plan/schema.js";
import type { AssociationsSection } from "../results.js";
import type { ReportStudy } from "../study/model.js";
import { missingExports } from "../packageStatus.js";

/** Section 5: repeated-measures and change-from-baseline correlations of features with outcomes. */
export function analyseAssociations(_study: ReportStudy, plan: AnalysisPlan): AssociationsSection {
  const pending: string[] = [];
  const missing = missingExports("@biomarker/correlation", ["spearman", "rmcorr"]);
  if (missing) pending.push(`Correlations: ${missing}.`);
  const adjustMissing = missingExports("@biomarker/multiple-testing", ["pAdjust"]);
  if (adjustMissing) pending.push(`FDR: ${adjustMissing}.`);
  return { pending, landmark: plan.visits.landmark, rows: [] };
}
