import { choleskyLower, crossprod } from "./dense.js";
import { type KenwardRogerSetup, kenwardRogerFTest, kenwardRogerSetup } from "./kenwardRoger.js";
import type { InferenceModel } from "./marginalModel.js";
import { type FTest, type SatterthwaiteSetup, satterthwaiteFTest, satterthwaiteSetup } from "./satterthwaite.js";

export type DdfMethod = "satterthwaite" | "kenward-roger";

/** A fixed-effect term and its columns of X (R's `assign`), e.g. { label: "visit", columns: [1..7] }.
 *  `variables` (the variables the term is made of) decides containment: a term is contained in another
 *  when all its variables are among the other's. Without it, the label split at ":" is used. */
export interface FixedTerm {
  readonly label: string;
  readonly columns: readonly number[];
  readonly variables?: readonly string[];
}

export interface AnovaRow extends FTest {
  readonly term: string;
  /** How the hypothesis rows were built: "type-I" (lmerTest's Doolittle rows for a one-term model) or
   *  "type-III" (all coefficients of a term that no other term contains). */
  readonly hypothesis: "type-I" | "type-III";
}

export class MarginalTermError extends Error {
  readonly inputError = true;
  constructor(term: string, container: string) {
    super(
      `Type III test of '${term}' (contained in '${container}') is not available: test the higher-order term, or ` +
        "test a contrast with contrastTest()",
    );
    this.name = "MarginalTermError";
  }
}

/** Rows of the unit upper-triangular Doolittle factor of X'X (X'X = L D L', rows of L'): lmerTest's
 *  Type I hypothesis rows, R_j. / R_jj with R the Cholesky factor (X'X = R'R). */
function doolittleRows(model: InferenceModel): Float64Array[] {
  const { n, p, x } = model;
  const l = choleskyLower(crossprod(x, x, n, p, p), p);
  if (!l) throw new Error("X'X is not positive definite");
  return Array.from({ length: p }, (_, j) => {
    const row = new Float64Array(p);
    for (let k = j; k < p; k++) row[k] = l[k + p * j] / l[j + p * j];
    return row;
  });
}

const variablesOf = (t: FixedTerm) => t.variables ?? t.label.split(":");

/**
 * F tests of each fixed-effect term, as lmerTest's anova(type = 3): with one term (or p <= 1) lmerTest uses
 * the Type I rows of the Doolittle factorization, which span the same hypothesis; with several terms, a term
 * that no other term contains is tested on all its coefficients (treatment coding makes that the Type III
 * hypothesis). Terms contained in an interaction would need SAS-style marginal hypotheses; they are refused
 * with MarginalTermError rather than tested on a hypothesis that means something else.
 * Multi-df tests: Fai-Cornelius (Satterthwaite) or the scaled Kenward-Roger F.
 */
export function anovaTypeIII(
  model: InferenceModel,
  options: { ddf: DdfMethod; terms: readonly FixedTerm[]; setup?: SatterthwaiteSetup | KenwardRogerSetup },
): AnovaRow[] {
  const terms = options.terms.filter((t) => t.label !== "(Intercept)");
  const typeI = terms.length <= 1 || model.p <= 1;
  const doolittle = typeI ? doolittleRows(model) : [];
  const test =
    options.ddf === "kenward-roger"
      ? ((s: KenwardRogerSetup) => (rows: Float64Array[]) => kenwardRogerFTest(s, rows))((options.setup as KenwardRogerSetup) ?? kenwardRogerSetup(model))
      : ((s: SatterthwaiteSetup) => (rows: Float64Array[]) => satterthwaiteFTest(s, rows))((options.setup as SatterthwaiteSetup) ?? satterthwaiteSetup(model));
  return terms.map((term) => {
    let rows: Float64Array[];
    if (typeI) {
      rows = term.columns.map((c) => doolittle[c]);
    } else {
      const vars = variablesOf(term);
      const container = terms.find((o) => o !== term && vars.every((v) => variablesOf(o).includes(v)) && variablesOf(o).length > vars.length);
      if (container) throw new MarginalTermError(term.label, container.label);
      rows = term.columns.map((c) => {
        const row = new Float64Array(model.p);
        row[c] = 1;
        return row;
      });
    }
    return { term: term.label, hypothesis: typeI ? "type-I" : "type-III", ...test(rows) };
  });
}
