import { describe, expect, it } from "vitest";
import { FormulaSyntaxError, buildDesign, modelTerms, parseFormula } from "../src/index.js";

const termsOf = (f: string) => modelTerms(parseFormula(f));

function caretOf(formula: string): { message: string; column: number } {
  try {
    modelTerms(parseFormula(formula));
  } catch (error) {
    expect(error).toBeInstanceOf(FormulaSyntaxError);
    const e = error as FormulaSyntaxError;
    const lines = e.message.split("\n");
    expect(lines[1].trim()).toBe(formula.trim());
    return { message: e.message, column: lines[2].indexOf("^") - lines[1].indexOf(formula) };
  }
  throw new Error("expected a syntax error");
}

describe("formula syntax errors point at the position with a caret", () => {
  it.each([
    ["y ~ x +", 7],
    ["y ~ (x | g", 10],
    ["~ x", 0],
    ["y ~ x $ z", 6],
    ["y ~ x | g", 6],
    ["y ~ (x | g))", 11],
    ["y ~ I(x^2) + (1 | g)", 4],
  ])("%s -> caret at %i", (formula, column) => {
    expect(caretOf(formula).column).toBe(column);
  });
  it("carries inputError so the CLI prints it without a stack", () => {
    try {
      parseFormula("y ~ ");
    } catch (e) {
      expect((e as { inputError?: boolean }).inputError).toBe(true);
    }
  });
  it("a formula without a random-effect term is refused", () => {
    expect(() => termsOf("y ~ x")).toThrow(/no random-effect term/);
  });
});

describe("terms follow R's terms() and lme4's expansions", () => {
  it("a*b expands to a + b + a:b, ordered by degree", () => {
    const t = termsOf("distance ~ age*Sex + (age | Subject)");
    expect(t.fixed.intercept).toBe(true);
    expect(t.fixed.terms.map((term) => term.map((i) => t.fixed.variables[i].label).join(":"))).toEqual(["age", "Sex", "age:Sex"]);
  });
  it("0 + and - 1 remove the intercept; 1 is the intercept", () => {
    expect(termsOf("y ~ 0 + x + (1 | g)").fixed.intercept).toBe(false);
    expect(termsOf("y ~ x - 1 + (1 | g)").fixed.intercept).toBe(false);
    expect(termsOf("y ~ 1 + (1 | g)").fixed.terms).toEqual([]);
  });
  it("(x || g) becomes (1 | g) + (0 + x | g)", () => {
    const t = termsOf("y ~ x + (x || g)");
    expect(t.random.length).toBe(2);
    expect(t.random[0].effects.intercept).toBe(true);
    expect(t.random[0].effects.terms).toEqual([]);
    expect(t.random[1].effects.intercept).toBe(false);
    expect(t.random[1].effects.variables.map((v) => v.label)).toEqual(["x"]);
  });
  it("(1 | a/b) becomes (1 | b:a) + (1 | a), lme4's expandSlash", () => {
    expect(termsOf("y ~ 1 + (1 | batch/cask)").random.map((r) => r.groupLabel)).toEqual(["cask:batch", "batch"]);
    expect(termsOf("y ~ 1 + (1 | a:b)").random.map((r) => r.groupLabel)).toEqual(["a:b"]);
  });
  it("a/b in the fixed part is a + a:b", () => {
    const t = termsOf("y ~ a/b + (1 | g)");
    expect(t.fixed.terms.map((term) => term.map((i) => t.fixed.variables[i].label).join(":"))).toEqual(["a", "a:b"]);
  });
  it("transforms keep R's labels", () => {
    const t = termsOf("log(y) ~ log2(x) + sqrt(z) + factor(v) + (1 | g)");
    expect(t.response.label).toBe("log(y)");
    expect(t.fixed.variables.map((v) => v.label)).toEqual(["log2(x)", "sqrt(z)", "factor(v)"]);
  });
});

describe("fixed-effects design matches R's model.matrix", () => {
  const data = {
    y: [1, 2, 3, 4, 5, 6, 7, 9],
    age: [8, 10, 12, 14, 8, 10, 12, 14],
    Sex: ["Male", "Male", "Female", "Female", "Male", "Female", "Male", "Female"],
    v: [1, 2, 3, 1, 2, 3, 1, 2],
    g: ["a", "a", "b", "b", "c", "c", "d", "d"],
  };
  it("treatment contrasts, sorted levels, interaction names", () => {
    const d = buildDesign(data, "y ~ age*Sex + (1 | g)");
    expect(d.fixedNames).toEqual(["(Intercept)", "age", "SexMale", "age:SexMale"]);
    const ordered = buildDesign(data, "y ~ age*Sex + (1 | g)", { levels: { Sex: ["Male", "Female"] } });
    expect(ordered.fixedNames).toEqual(["(Intercept)", "age", "SexFemale", "age:SexFemale"]);
    // age:SexFemale column = age where Sex == Female
    const col = Array.from(ordered.x.subarray(3 * 8, 4 * 8));
    expect(col).toEqual(data.age.map((a, i) => (data.Sex[i] === "Female" ? a : 0)));
  });
  it("a factor whose margin is absent gets one indicator per level", () => {
    expect(buildDesign(data, "y ~ 0 + Sex + (1 | g)").fixedNames).toEqual(["SexFemale", "SexMale"]);
    expect(buildDesign(data, "y ~ age:Sex + (1 | g)").fixedNames).toEqual(["(Intercept)", "age:SexFemale", "age:SexMale"]);
  });
  it("factor() of a numeric column uses numerically sorted levels", () => {
    expect(buildDesign(data, "y ~ factor(v) + (1 | g)").fixedNames).toEqual(["(Intercept)", "factor(v)2", "factor(v)3"]);
  });
  it("rank-deficient columns are dropped with their names reported", () => {
    const d = buildDesign({ ...data, twice: data.age.map((a) => 2 * a) }, "y ~ age + twice + (1 | g)");
    expect(d.fixedNames).toEqual(["(Intercept)", "age"]);
    expect(d.droppedColumns).toEqual(["twice"]);
  });
  it("rows with a missing value in a used column are dropped and counted", () => {
    const d = buildDesign({ ...data, y: [1, null, 3, 4, Number.NaN, 6, 7, 9] }, "y ~ age + (1 | g)");
    expect(d.n).toBe(6);
    expect(d.nDropped).toBe(2);
    expect(Array.from(d.rows)).toEqual([0, 2, 3, 5, 6, 7]);
  });
});

describe("random-effects structure follows lme4's mkReTrms", () => {
  const data = {
    y: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13],
    small: ["a", "a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "b"],
    big: ["p", "q", "r", "s", "p", "q", "r", "s", "p", "q", "r", "s"],
    x: [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5],
  };
  it("terms are ordered by decreasing number of levels", () => {
    const d = buildDesign(data, "y ~ 1 + (1 | small) + (1 | big)");
    expect(d.random.map((t) => t.group)).toEqual(["big", "small"]);
    expect(d.random.map((t) => [t.zOffset, t.thetaOffset])).toEqual([[0, 0], [4, 1]]);
  });
  it("a term with several columns takes p(p+1)/2 theta entries, level-major Z columns", () => {
    const d = buildDesign(data, "y ~ x + (x | small)");
    expect(d.random[0].columnNames).toEqual(["(Intercept)", "x"]);
    expect(d.random[0].nTheta).toBe(3);
  });
});
