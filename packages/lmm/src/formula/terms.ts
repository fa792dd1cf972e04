import { FormulaSyntaxError } from "../errors.js";
import type { FormulaNode, ParsedFormula } from "./parse.js";

/** A variable of the model: a column, possibly transformed; `label` is how R prints it ("log(x)"). */
export interface Variable {
  readonly label: string;
  readonly column: string;
  readonly transform: "identity" | "log" | "log2" | "log10" | "sqrt" | "exp" | "factor";
  /** Position in the formula text, for carets in error messages. */
  readonly start: number;
  readonly end: number;
}

/** The terms of one model-matrix formula, ordered as R's terms(): by order, then by appearance. */
export interface TermList {
  readonly intercept: boolean;
  /** Variables in order of first appearance; each term lists indices into it, ascending. */
  readonly variables: readonly Variable[];
  readonly terms: readonly (readonly number[])[];
}

/** One random-effect term `(effects | group)` after expanding `||` and `/` as lme4 does. */
export interface RandomTermSpec {
  readonly effects: TermList;
  /** Grouping variables; several for an interaction `a:b` (the group is their combination). */
  readonly grouping: readonly Variable[];
  /** Grouping label as lme4 prints it: "Subject", "cask:batch". */
  readonly groupLabel: string;
}

export interface ModelTerms {
  readonly formula: string;
  readonly response: Variable;
  readonly fixed: TermList;
  readonly random: readonly RandomTermSpec[];
  /** Terms `offset(x)` of the fixed part: known parts of the linear predictor, added with coefficient 1. */
  readonly offsets?: readonly Variable[];
}

const transforms = new Set(["log", "log2", "log10", "sqrt", "exp", "factor", "as.factor"]);

class VariableRegistry {
  readonly variables: Variable[] = [];
  constructor(private readonly text: string) {}

  indexOf(node: FormulaNode): number {
    const variable = toVariable(node, this.text);
    const found = this.variables.findIndex((v) => v.label === variable.label);
    if (found >= 0) return found;
    this.variables.push(variable);
    return this.variables.length - 1;
  }
}

function toVariable(node: FormulaNode, text: string): Variable {
  if (node.kind === "name") {
    return { label: node.name, column: node.name, transform: "identity", start: node.start, end: node.end };
  }
  if (node.kind === "call") {
    if (node.rest.length > 0) throw new FormulaSyntaxError(text, node.rest[0].start, `${node.fn}() takes one argument`);
    if (!transforms.has(node.fn)) {
      throw new FormulaSyntaxError(text, node.start, `unsupported function '${node.fn}()' (use log, log2, log10, sqrt, exp or factor)`);
    }
    if (node.argument.kind !== "name") {
      throw new FormulaSyntaxError(text, node.argument.start, `${node.fn}() takes a column name`);
    }
    const transform = node.fn === "as.factor" ? "factor" : (node.fn as Variable["transform"]);
    return { label: `${node.fn}(${node.argument.name})`, column: node.argument.name, transform, start: node.start, end: node.end };
  }
  throw new FormulaSyntaxError(text, node.start, "expected a column name");
}

interface Expansion {
  terms: number[][];
  /** true after "0" or "- 1". */
  removesIntercept: boolean;
}

const termKey = (term: readonly number[]): string => term.join(",");

function union(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

function addTerms(into: number[][], terms: readonly number[][]): void {
  for (const term of terms) if (!into.some((t) => termKey(t) === termKey(term))) into.push(term);
}

function interact(a: readonly number[][], b: readonly number[][]): number[][] {
  const out: number[][] = [];
  for (const tb of b) for (const ta of a) addTerms(out, [union(ta, tb)]);
  return out;
}

/** Expands R's formula algebra (Chambers & Hastie 1992, ch. 2) into a list of terms; [] is the intercept. */
function expand(
  node: FormulaNode,
  registry: VariableRegistry,
  text: string,
  bars: Extract<FormulaNode, { kind: "bar" }>[] | null,
  offsets: Variable[] | null = null,
): Expansion {
  if (node.kind === "call" && node.fn === "offset") {
    if (!offsets) throw new FormulaSyntaxError(text, node.start, "offset() may only appear as a term of the fixed part");
    if (node.rest.length > 0) throw new FormulaSyntaxError(text, node.rest[0].start, "offset() takes one argument");
    const variable = toVariable(node.argument, text);
    if (variable.transform === "factor") throw new FormulaSyntaxError(text, node.argument.start, "an offset must be numeric");
    offsets.push(variable);
    return { terms: [], removesIntercept: false };
  }
  switch (node.kind) {
    case "number":
      if (node.value === 1) return { terms: [[]], removesIntercept: false };
      if (node.value === 0) return { terms: [], removesIntercept: true };
      throw new FormulaSyntaxError(text, node.start, "only 0 and 1 may appear as numbers in a formula");
    case "name":
    case "call":
      return { terms: [[registry.indexOf(node)]], removesIntercept: false };
    case "bar":
      if (!bars) throw new FormulaSyntaxError(text, node.start, "a random-effect term may not appear here");
      bars.push(node);
      return { terms: [], removesIntercept: false };
    case "negate": {
      const operand = expand(node.operand, registry, text, null);
      return { terms: [], removesIntercept: operand.terms.some((t) => t.length === 0) };
    }
    case "binary": {
      if (node.op === "+") {
        const left = expand(node.left, registry, text, bars, offsets);
        const right = expand(node.right, registry, text, bars, offsets);
        const terms = [...left.terms];
        addTerms(terms, right.terms);
        const readdsIntercept = right.terms.some((t) => t.length === 0);
        return { terms, removesIntercept: (left.removesIntercept && !readdsIntercept) || right.removesIntercept };
      }
      if (node.op === "-") {
        const left = expand(node.left, registry, text, bars, offsets);
        const right = expand(node.right, registry, text, null);
        const drop = new Set(right.terms.map(termKey));
        return {
          terms: left.terms.filter((t) => !drop.has(termKey(t))),
          removesIntercept: left.removesIntercept || drop.has(""),
        };
      }
      const left = expand(node.left, registry, text, null);
      if (node.op === "^") {
        const power = (node.right as { value: number }).value;
        let terms = left.terms;
        for (let k = 1; k < power; k++) {
          const next = [...terms];
          addTerms(next, interact(terms, left.terms));
          terms = next;
        }
        return { terms, removesIntercept: false };
      }
      const right = expand(node.right, registry, text, null);
      if (left.removesIntercept || right.removesIntercept) {
        throw new FormulaSyntaxError(text, node.start, `0 cannot be an operand of '${node.op}'`);
      }
      if (node.op === ":") return { terms: interact(left.terms, right.terms), removesIntercept: false };
      if (node.op === "*") {
        const terms = [...left.terms];
        addTerms(terms, right.terms);
        addTerms(terms, interact(left.terms, right.terms));
        return { terms, removesIntercept: false };
      }
      // a / b = a + (all variables of a):b
      const all = left.terms.reduce<number[]>((acc, t) => union(acc, t), []);
      const terms = [...left.terms];
      addTerms(terms, interact([all], right.terms));
      return { terms, removesIntercept: false };
    }
  }
}

function toTermList(expansion: Expansion, registry: VariableRegistry): TermList {
  const intercept = !expansion.removesIntercept;
  // R orders terms by their order (number of variables), stably; the intercept is not a term.
  const terms = expansion.terms
    .filter((t) => t.length > 0)
    .map((t, i) => ({ t, i }))
    .sort((a, b) => a.t.length - b.t.length || a.i - b.i)
    .map(({ t }) => t);
  return { intercept, variables: registry.variables, terms };
}

function groupingFactors(node: FormulaNode, text: string): Variable[][] {
  // (1 | a/b/c) -> (1 | c:b:a) + (1 | b:a) + (1 | a), lme4's expandSlash.
  if (node.kind === "binary" && node.op === "/") {
    const outer = groupingFactors(node.left, text);
    const inner = groupingFactors(node.right, text);
    if (inner.length !== 1) throw new FormulaSyntaxError(text, node.right.start, "unsupported nesting of grouping factors");
    return [[...inner[0], ...outer[0]], ...outer];
  }
  if (node.kind === "binary" && node.op === ":") {
    const left = groupingFactors(node.left, text);
    const right = groupingFactors(node.right, text);
    if (left.length !== 1 || right.length !== 1) throw new FormulaSyntaxError(text, node.start, "unsupported grouping factor");
    return [[...left[0], ...right[0]]];
  }
  if (node.kind === "name" || (node.kind === "call" && (node.fn === "factor" || node.fn === "as.factor"))) {
    const v = toVariable(node, text);
    return [[{ ...v, label: v.column, transform: "factor" }]];
  }
  throw new FormulaSyntaxError(text, node.start, "a grouping factor must be a column name, a:b or a/b");
}

function randomTerms(bar: Extract<FormulaNode, { kind: "bar" }>, text: string): RandomTermSpec[] {
  const out: RandomTermSpec[] = [];
  for (const grouping of groupingFactors(bar.group, text)) {
    const groupLabel = grouping.map((v) => v.label).join(":");
    const registry = new VariableRegistry(text);
    const effects = toTermList(expand(bar.left, registry, text, null), registry);
    if (!bar.independent) {
      if (!effects.intercept && effects.terms.length === 0) {
        throw new FormulaSyntaxError(text, bar.left.start, "a random-effect term needs at least one effect");
      }
      out.push({ effects, grouping, groupLabel });
      continue;
    }
    // (x || g) -> (1 | g) + (0 + x | g), lme4's expandDoubleVerts: one term per effect.
    if (effects.intercept) out.push({ effects: { intercept: true, variables: [], terms: [] }, grouping, groupLabel });
    for (const term of effects.terms) {
      const variables = term.map((i) => effects.variables[i]);
      out.push({ effects: { intercept: false, variables, terms: [variables.map((_, k) => k)] }, grouping, groupLabel });
    }
  }
  return out;
}

/** Syntax tree -> response, fixed terms and random-effect terms. */
export function modelTerms(parsed: ParsedFormula): ModelTerms {
  const text = parsed.text;
  const response = toVariable(parsed.response, text);
  if (response.transform === "factor") throw new FormulaSyntaxError(text, response.start, "the response must be numeric");
  const bars: Extract<FormulaNode, { kind: "bar" }>[] = [];
  const offsets: Variable[] = [];
  const registry = new VariableRegistry(text);
  const fixed = toTermList(expand(parsed.rhs, registry, text, bars, offsets), registry);
  if (bars.length === 0) {
    throw new FormulaSyntaxError(text, text.length, "no random-effect term: add one such as (1 | subject)");
  }
  const random = bars.flatMap((bar) => randomTerms(bar, text));
  return offsets.length > 0 ? { formula: text, response, fixed, random, offsets } : { formula: text, response, fixed, random };
}
