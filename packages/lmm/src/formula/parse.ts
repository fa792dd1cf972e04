import { FormulaSyntaxError } from "../errors.js";

/**
 * lme4 formula text -> syntax tree. The formula is parsed, never evaluated. Precedence follows R's
 * (R Language Definition, section 10.4.2): `^` > `:` > `*` `/` > `+` `-` > `|` `||` > `~`; a bar is only
 * allowed inside parentheses, as lme4 writes random-effect terms `(x | g)`.
 */
export type FormulaNode =
  | { kind: "name"; name: string; start: number; end: number }
  | { kind: "number"; value: number; start: number; end: number }
  | { kind: "call"; fn: string; argument: FormulaNode; rest: readonly FormulaNode[]; start: number; end: number }
  | { kind: "binary"; op: "+" | "-" | "*" | ":" | "/" | "^"; left: FormulaNode; right: FormulaNode; start: number; end: number }
  | { kind: "negate"; operand: FormulaNode; start: number; end: number }
  | { kind: "bar"; independent: boolean; left: FormulaNode; group: FormulaNode; start: number; end: number };

export interface ParsedFormula {
  readonly text: string;
  readonly response: FormulaNode;
  readonly rhs: FormulaNode;
}

type TokenKind = "name" | "number" | "op" | "end";
interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

const operators = ["||", "~", "+", "-", "*", ":", "/", "^", "(", ")", "|", ","];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "`") {
      const close = text.indexOf("`", i + 1);
      if (close < 0) throw new FormulaSyntaxError(text, i, "unterminated backquoted name");
      tokens.push({ kind: "name", text: text.slice(i + 1, close), start: i, end: close + 1 });
      i = close + 1;
      continue;
    }
    const number = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
    if (number) {
      tokens.push({ kind: "number", text: number[0], start: i, end: i + number[0].length });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z.][A-Za-z0-9._]*/.exec(text.slice(i));
    if (name) {
      tokens.push({ kind: "name", text: name[0], start: i, end: i + name[0].length });
      i += name[0].length;
      continue;
    }
    const op = operators.find((o) => text.startsWith(o, i));
    if (!op) throw new FormulaSyntaxError(text, i, `unexpected character '${c}'`);
    tokens.push({ kind: "op", text: op, start: i, end: i + op.length });
    i += op.length;
  }
  tokens.push({ kind: "end", text: "", start: text.length, end: text.length });
  return tokens;
}

/** Parses `response ~ rhs`; throws FormulaSyntaxError with the position of the first problem. */
export function parseFormula(text: string): ParsedFormula {
  const tokens = tokenize(text);
  let at = 0;
  const peek = (): Token => tokens[at];
  const isOp = (op: string): boolean => peek().kind === "op" && peek().text === op;
  const fail = (token: Token, reason: string): never => {
    throw new FormulaSyntaxError(text, token.start, reason);
  };
  const expect = (op: string): Token => {
    if (!isOp(op)) fail(peek(), peek().kind === "end" ? `expected '${op}' before the end` : `expected '${op}'`);
    return tokens[at++];
  };

  function sum(insideParens: boolean): FormulaNode {
    let left: FormulaNode;
    if (isOp("-")) {
      const minus = tokens[at++];
      const operand = product(insideParens);
      left = { kind: "negate", operand, start: minus.start, end: operand.end };
    } else {
      left = product(insideParens);
    }
    while (isOp("+") || isOp("-")) {
      const op = tokens[at++].text as "+" | "-";
      const right = product(insideParens);
      left = { kind: "binary", op, left, right, start: left.start, end: right.end };
    }
    return left;
  }
  function product(insideParens: boolean): FormulaNode {
    let left = interaction(insideParens);
    while (isOp("*") || isOp("/")) {
      const op = tokens[at++].text as "*" | "/";
      const right = interaction(insideParens);
      left = { kind: "binary", op, left, right, start: left.start, end: right.end };
    }
    return left;
  }
  function interaction(insideParens: boolean): FormulaNode {
    let left = power(insideParens);
    while (isOp(":")) {
      at++;
      const right = power(insideParens);
      left = { kind: "binary", op: ":", left, right, start: left.start, end: right.end };
    }
    return left;
  }
  function power(insideParens: boolean): FormulaNode {
    const base = atom(insideParens);
    if (!isOp("^")) return base;
    at++;
    const exponent = peek();
    if (exponent.kind !== "number" || !Number.isInteger(Number(exponent.text)) || Number(exponent.text) < 1) {
      fail(exponent, "the exponent of '^' must be a positive whole number");
    }
    at++;
    const right: FormulaNode = { kind: "number", value: Number(exponent.text), start: exponent.start, end: exponent.end };
    return { kind: "binary", op: "^", left: base, right, start: base.start, end: exponent.end };
  }
  function atom(insideParens: boolean): FormulaNode {
    const token = peek();
    if (token.kind === "number") {
      at++;
      return { kind: "number", value: Number(token.text), start: token.start, end: token.end };
    }
    if (token.kind === "name") {
      at++;
      if (!isOp("(")) return { kind: "name", name: token.text, start: token.start, end: token.end };
      at++;
      const argument = sum(true);
      // Further comma-separated arguments, as in cbind(k, n - k).
      const rest: FormulaNode[] = [];
      while (isOp(",")) {
        at++;
        rest.push(sum(true));
      }
      const close = expect(")");
      return { kind: "call", fn: token.text, argument, rest, start: token.start, end: close.end };
    }
    if (isOp("(")) {
      const open = tokens[at++];
      const inner = sum(true);
      if (isOp("|") || isOp("||")) {
        const independent = tokens[at++].text === "||";
        const group = sum(true);
        const close = expect(")");
        return { kind: "bar", independent, left: inner, group, start: open.start, end: close.end };
      }
      expect(")");
      return inner;
    }
    if (token.kind === "end") fail(token, "the formula ends too early");
    if (!insideParens && (token.text === "|" || token.text === "||")) {
      fail(token, "a random-effect term needs parentheses, e.g. (1 | g)");
    }
    return fail(token, `unexpected '${token.text}'`);
  }

  if (peek().kind === "end") fail(peek(), "empty formula");
  if (isOp("~")) fail(peek(), "the formula needs a response before '~'");
  const response = sum(false);
  expect("~");
  const rhs = sum(false);
  if (peek().kind !== "end") fail(peek(), `unexpected '${peek().text}'`);
  return { text, response, rhs };
}
