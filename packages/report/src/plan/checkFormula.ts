import { modelTerms, parseFormula } from "@biomarker/lmm";

/** The columns a feature group's model may use besides the subject covariates: one row per subject and visit of one feature. */
const modelColumns = ["value", "visit", "day", "subject"] as const;

/**
 * Problems with a plan formula, checked before any fit: it must parse (lme4 syntax, @biomarker/lmm's
 * parser with a caret at the error), have `value` as response and use only the model columns and the study's subject covariates.
 * Returns the problem sentences (empty when the formula is fine).
 */
export function formulaProblems(formula: string, covariates: readonly string[] = []): string[] {
  let terms: ReturnType<typeof modelTerms>;
  try {
    terms = modelTerms(parseFormula(formula));
  } catch (error) {
    if ((error as { inputError?: unknown }).inputError !== true) throw error;
    return [(error as Error).message.replace(/^formula: /, "")];
  }
  const problems: string[] = [];
  if (terms.response.column !== "value") problems.push(`the response must be value (the feature's transformed value), not ${terms.response.label}`);
  const used = [
    ...terms.fixed.variables,
    ...terms.random.flatMap((r) => [...r.effects.variables, ...r.grouping]),
  ].map((v) => v.column);
  const allowed = [...modelColumns, ...covariates];
  const unknown = [...new Set(used)].filter((c) => !allowed.includes(c));
  if (unknown.length > 0) problems.push(`unknown column${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} (a model may use ${allowed.join(", ")})`);
  return problems;
}
