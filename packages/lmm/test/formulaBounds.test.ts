import { describe, expect, it } from "vitest";
import { FormulaSyntaxError, modelTerms, parseFormula } from "../src/index.js";

const sumOf = (n: number) => Array.from({ length: n }, (_, k) => `x${k}`).join(" + ");

describe("formula size is bounded, so a huge formula fails with a message instead of overflowing the stack", () => {
  it("a 5000-term formula is a FormulaSyntaxError (an input error) naming the bound", () => {
    const text = `y ~ ${sumOf(5000)}`;
    expect(() => parseFormula(text)).toThrow(FormulaSyntaxError);
    expect(() => parseFormula(text)).toThrow(/more than 2000 symbols/);
  });

  it("parentheses nested 40 deep are refused; the largest accepted formula still expands", () => {
    expect(() => parseFormula(`y ~ ${"(".repeat(40)}x${")".repeat(40)}`)).toThrow(/nest deeper than 32/);
    const largest = parseFormula(`y ~ ${sumOf(990)} + (1 | g)`);
    expect(modelTerms(largest).fixed.terms).toHaveLength(990);
  });
});
