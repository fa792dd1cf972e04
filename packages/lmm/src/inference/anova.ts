import { checkOptions } from "@biomarker/numerics";
import { choleskyLower, crossprod, symmetricPseudoInverse } from "./dense.js";
import { type KenwardRogerSetup, kenwardRogerFTest, kenwardRogerSetup } from "./kenwardRoger.js";
import type { ModelDesign } from "../design/design.js";
import { type FitOrModel, type InferenceModel, modelOf } from "./marginalModel.js";
import { type FTest, type SatterthwaiteSetup, satterthwaiteFTest, satterthwaiteSetup } from "./satterthwaite.js";

export type DdfMethod = "satterthwaite" | "kenward-roger";

/** A fixed-effect term and its columns of X (R's `assign`), e.g. { label: "visit", columns: [1..7] }. */
export interface FixedTerm {
  readonly label: string;
  readonly columns: readonly number[];
  /** Indices into TermStructure.variables (required for Type III of terms contained in others). */
  readonly variables?: readonly number[];
}

/** The variables of the fixed part, for Type III hypotheses: numeric (levels null) or factors with their
 *  levels in model order (reference first, treatment coding). */
export interface TermStructure {
  readonly variables: readonly { readonly label: string; readonly levels: readonly string[] | null }[];
  readonly intercept: boolean;
}

export interface AnovaRow extends FTest {
  readonly term: string;
  /** How the hypothesis rows were built: "type-I" (lmerTest's Doolittle rows for a one-term model) or
   *  "type-III" (lmerTest's SAS-style Type III rows). */
  readonly hypothesis: "type-I" | "type-III";
}

export class MarginalTermError extends Error {
  readonly inputError = true;
  constructor(term: string, reason: string) {
    super(`Type III test of '${term}' is not available: ${reason}`);
    this.name = "MarginalTermError";
  }
}

/**
 * The fixed-effect terms of a design and their columns of X (R's `assign`): a column belongs to a term when
 * its name splits at ":" into one part per variable of the term, each part the variable's label followed,
 * for a factor, by one of its levels.
 */
export function fixedTermsOf(design: Pick<ModelDesign, "terms" | "levels" | "fixedNames">): FixedTerm[] {
  const { variables, terms } = design.terms.fixed;
  return terms.map((term) => {
    const vars = term.map((i) => variables[i]);
    const columns: number[] = [];
    design.fixedNames.forEach((name, j) => {
      const parts = name.split(":");
      if (parts.length !== vars.length) return;
      const ok = vars.every((v, k) => {
        const levels = design.levels[v.column];
        return levels ? levels.some((l) => parts[k] === v.label + l) : parts[k] === v.label;
      });
      if (ok) columns.push(j);
    });
    return { label: vars.map((v) => v.label).join(":"), columns, variables: [...term] };
  }).filter((t) => t.columns.length > 0);
}

/** Variables of the fixed part with their factor levels (null for numeric), for Type III hypotheses. */
export function termStructureOf(design: Pick<ModelDesign, "terms" | "levels">): TermStructure {
  return {
    intercept: design.terms.fixed.intercept,
    variables: design.terms.fixed.variables.map((v) => ({ label: v.label, levels: design.levels[v.column] ?? null })),
  };
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

/** One cell-indicator column of the full-rank-deficient design rdX: numeric variables and factor levels. */
type Atom = { readonly variable: number; readonly level: string | null };

/**
 * Type III hypothesis rows as lmerTest's extract_contrasts_type3 builds them (SAS's Type III, Goodnight
 * 1980) for treatment coding. rdX is the design with one indicator per factor level (R's
 * model.matrix(~ 0 + term) per term); L = X^+ rdX expresses every rdX column in X's columns, here
 * symbolically: a column present in X is itself, and a reference-level indicator is
 * 1 - sum of the other levels' indicators (treatment coding), expanded recursively. The columns of L of a
 * term contained in others (its variables a proper subset, with the same numeric variables) are replaced
 * by their residuals on the containing terms' columns (least squares over the rdX rows), higher-order terms
 * first; the hypothesis of a term is then its columns of L, on the rows named like X's columns.
 */
function typeIIIRows(structure: TermStructure, terms: readonly FixedTerm[], fixedNames: readonly string[]): Map<FixedTerm, Float64Array[]> {
  const p = fixedNames.length;
  const index = new Map(fixedNames.map((n, j) => [n, j]));
  const nameOf = (atoms: readonly Atom[]) =>
    atoms.length === 0 ? "(Intercept)" : atoms.map((a) => structure.variables[a.variable].label + (a.level ?? "")).join(":");
  const resolve = (atoms: readonly Atom[]): Float64Array | null => {
    const j = index.get(nameOf(atoms));
    if (j !== undefined) {
      const v = new Float64Array(p);
      v[j] = 1;
      return v;
    }
    const k = atoms.findIndex((a) => a.level !== null && a.level === structure.variables[a.variable].levels?.[0]);
    if (k < 0) return null;
    const rest = atoms.filter((_, i) => i !== k);
    const out = rest.length === 0 && !structure.intercept ? null : resolve(rest);
    if (!out) return null;
    for (const level of (structure.variables[atoms[k].variable].levels as readonly string[]).slice(1)) {
      const other = resolve(atoms.map((a, i) => (i === k ? { variable: a.variable, level } : a)));
      if (!other) return null;
      for (let e = 0; e < p; e++) out[e] -= other[e];
    }
    return out;
  };
  // Rows of L: the intercept and every cell of every term.
  const rowNames: string[] = [];
  const rows: Float64Array[] = [];
  const addRow = (atoms: Atom[]) => {
    const name = nameOf(atoms);
    if (rowNames.includes(name)) return;
    const r = resolve(atoms);
    if (!r) throw new MarginalTermError(nameOf(atoms), `the cell '${name}' is not estimable from the model's columns (non-hierarchical or rank-deficient model)`);
    rowNames.push(name);
    rows.push(r);
  };
  if (structure.intercept) addRow([]);
  for (const term of terms) {
    const vars = term.variables as readonly number[];
    let cells: Atom[][] = [[]];
    for (const v of vars) {
      const levels = structure.variables[v].levels;
      cells = cells.flatMap((c) => (levels ? levels.map((level) => [...c, { variable: v, level }]) : [[...c, { variable: v, level: null }]]));
    }
    cells.forEach(addRow);
  }
  const numericOf = (t: FixedTerm) => (t.variables as readonly number[]).filter((v) => structure.variables[v].levels === null);
  const contains = (inner: FixedTerm, outer: FixedTerm) => {
    const a = inner.variables as readonly number[];
    const b = outer.variables as readonly number[];
    const na = numericOf(inner);
    const nb = numericOf(outer);
    return a.every((v) => b.includes(v)) && b.some((v) => !a.includes(v)) && na.length === nb.length && na.every((v) => nb.includes(v));
  };
  // Orthogonalize, highest order first (lmerTest: rev(names(sort(order)))).
  const order = terms.map((t, i) => [t, i] as const).sort((x, y) => (x[0].variables as number[]).length - (y[0].variables as number[]).length || x[1] - y[1]).reverse();
  const m = rows.length;
  const column = (j: number) => Float64Array.from(rows, (r) => r[j]);
  for (const [term] of order) {
    const containing = terms.filter((o) => o !== term && contains(term, o)).flatMap((o) => o.columns);
    if (containing.length === 0) continue;
    const a = containing.map(column);
    const k = a.length;
    const ata = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) { let s2 = 0; for (let r = 0; r < m; r++) s2 += a[i][r] * a[j][r]; ata[i + k * j] = s2; }
    const maxDiag = Math.max(...Array.from({ length: k }, (_, i) => ata[i * (k + 1)]));
    const { inverse } = symmetricPseudoInverse(ata, k, 1e-10 * maxDiag);
    for (const j of term.columns) {
      const y = column(j);
      const aty = a.map((ai) => { let s2 = 0; for (let r = 0; r < m; r++) s2 += ai[r] * y[r]; return s2; });
      const coef = new Float64Array(k);
      for (let i = 0; i < k; i++) for (let l = 0; l < k; l++) coef[i] += inverse[i + k * l] * aty[l];
      for (let r = 0; r < m; r++) { let fitted = 0; for (let i = 0; i < k; i++) fitted += a[i][r] * coef[i]; rows[r][j] = y[r] - fitted; }
    }
  }
  const keep = fixedNames.map((name) => rows[rowNames.indexOf(name)]);
  const out = new Map<FixedTerm, Float64Array[]>();
  for (const term of terms) {
    const hyp = term.columns
      .map((c) => Float64Array.from(keep, (r) => (r ? r[c] : 0)))
      .filter((h) => h.reduce((s2, v) => s2 + Math.abs(v), 0) > 1e-8);
    out.set(term, hyp);
  }
  return out;
}

/**
 * F tests of each fixed-effect term, as lmerTest's anova(type = 3): with one term (or p <= 1) lmerTest uses
 * the Type I rows of the Doolittle factorization; with several, the Type III rows (typeIIIRows; needs
 * `structure` and each term's `variables`). Multi-df tests: Fai-Cornelius (Satterthwaite) or the scaled
 * Kenward-Roger F. The Fai-Cornelius df depend on the basis of the hypothesis rows, so the rows are built
 * exactly as lmerTest builds them.
 */
export function anovaTypeIII(
  fit: FitOrModel | { readonly model: InferenceModel; readonly design: Pick<ModelDesign, "terms" | "levels" | "fixedNames"> },
  options: { ddf: DdfMethod; terms?: readonly FixedTerm[]; structure?: TermStructure; setup?: SatterthwaiteSetup | KenwardRogerSetup },
): AnovaRow[] {
  checkOptions("anovaTypeIII", options, { ddf: ["satterthwaite", "kenward-roger"], terms: "array", structure: "object", setup: "object" });
  const model = modelOf(fit);
  const design = "design" in fit ? fit.design : undefined;
  const allTerms = options.terms ?? (design ? fixedTermsOf(design) : undefined);
  if (!allTerms) throw new MarginalTermError("(all)", "pass the fit (with its design) or the terms and their columns");
  const structure = options.structure ?? (design ? termStructureOf(design) : undefined);
  const terms = allTerms.filter((t) => t.label !== "(Intercept)");
  const typeI = terms.length <= 1 || model.p <= 1;
  const doolittle = typeI ? doolittleRows(model) : [];
  let typeIII: Map<FixedTerm, Float64Array[]> | null = null;
  if (!typeI) {
    if (!structure || terms.some((t) => !t.variables)) {
      throw new MarginalTermError(terms.map((t) => t.label).join(", "), "Type III rows need the term structure (variables and factor levels)");
    }
    typeIII = typeIIIRows(structure, terms, model.fixedNames);
  }
  const test =
    options.ddf === "kenward-roger"
      ? ((s: KenwardRogerSetup) => (rows: Float64Array[]) => kenwardRogerFTest(s, rows))((options.setup as KenwardRogerSetup) ?? kenwardRogerSetup(model))
      : ((s: SatterthwaiteSetup) => (rows: Float64Array[]) => satterthwaiteFTest(s, rows))((options.setup as SatterthwaiteSetup) ?? satterthwaiteSetup(model));
  return terms.map((term) => {
    const rows = typeI ? term.columns.map((c) => doolittle[c]) : (typeIII as Map<FixedTerm, Float64Array[]>).get(term) as Float64Array[];
    return { term: term.label, hypothesis: typeI ? "type-I" : "type-III", ...test(rows) };
  });
}
