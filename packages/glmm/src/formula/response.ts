import { type FormulaNode, FormulaSyntaxError, type ModelTerms, type Variable, modelTerms, parseFormula } from "@biomarker/lmm";

/** The response of a GLMM formula: a count (Poisson, 0/1 binomial) or glmer's two-column binomial response
 *  `cbind(successes, failures)`, where failures is a column or `trials - successes`. */
export type GlmmResponse =
  | { kind: "single"; variable: Variable }
  | { kind: "successesFailures"; successes: Variable; failures: Variable }
  | { kind: "successesTrials"; successes: Variable; trials: Variable };

export interface GlmmTerms {
  readonly terms: ModelTerms;
  readonly response: GlmmResponse;
}

const column = (node: FormulaNode, text: string, role: string): Variable => {
  if (node.kind !== "name") throw new FormulaSyntaxError(text, node.start, `the ${role} of cbind() must be a column name`);
  return { label: node.name, column: node.name, transform: "identity", start: node.start, end: node.end };
};

/** Parses an lme4 formula whose response may be cbind(k, n - k) or cbind(k, f); the rest is lmm's syntax,
 *  including offset(). */
export function glmmTerms(formula: string): GlmmTerms {
  const parsed = parseFormula(formula);
  const r = parsed.response;
  if (r.kind !== "call" || r.fn !== "cbind") {
    const terms = modelTerms(parsed);
    return { terms, response: { kind: "single", variable: terms.response } };
  }
  if (r.rest.length !== 1) throw new FormulaSyntaxError(formula, r.start, "cbind() takes two arguments: successes and failures");
  const successes = column(r.argument, formula, "first argument");
  const second = r.rest[0];
  // The response Variable of the terms stands for the successes column (used for complete cases and errors).
  const terms = modelTerms({ ...parsed, response: r.argument });
  if (second.kind === "binary" && second.op === "-") {
    const trials = column(second.left, formula, "trials");
    const subtracted = column(second.right, formula, "subtracted column");
    if (subtracted.column !== successes.column) {
      throw new FormulaSyntaxError(formula, second.right.start, `expected '${successes.column}' (cbind(k, n - k))`);
    }
    return { terms, response: { kind: "successesTrials", successes, trials } };
  }
  return { terms, response: { kind: "successesFailures", successes, failures: column(second, formula, "second argument") } };
}
