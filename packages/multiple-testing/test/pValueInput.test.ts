import { describe, expect, it } from "vitest";
import { adjustPValueText, parsePValueInput, pAdjust } from "../src/index.js";

describe("parsePValueInput", () => {
  it("reads one p-value per line; NA, NaN, null and empty lines are missing; a final newline adds nothing", () => {
    expect(parsePValueInput("0.1\nNA\n\n nan \n1e-3\r\n1\n", "f.txt")).toEqual({
      pValues: [0.1, null, null, null, 0.001, 1],
      tests: null,
    });
  });

  it("names the source and the 1-based line of a bad value", () => {
    expect(() => parsePValueInput("0.1\n0.2x\n", "f.txt")).toThrow("f.txt, line 2: '0.2x' is not a number or NA");
    expect(() => parsePValueInput("0.1\n-0.5\n", "f.txt")).toThrow("f.txt, line 2: p-value -0.5 is outside [0, 1]");
  });

  it("reads JSON arrays of p-values and of {pValue, support} tests, optionally wrapped in {tests}", () => {
    expect(parsePValueInput("[0.1, null, 0.3]", "j")).toEqual({ pValues: [0.1, null, 0.3], tests: null });
    const tests = [{ pValue: 0.5, support: [0.5, 1] }];
    expect(parsePValueInput(JSON.stringify({ tests }), "j")).toEqual({ pValues: [0.5], tests });
    expect(parsePValueInput('[{"pValue": 0.2, "support": null}]', "j").tests).toEqual([{ pValue: 0.2, support: null }]);
    expect(() => parsePValueInput("[0.1, 2]", "j")).toThrow("j, item 2: 2 is not a p-value in [0, 1] or null");
    expect(() => parsePValueInput('[{"pValue": 0.1}]', "j")).toThrow('j, test 1: "support" must be an array of numbers, or null for a continuous test');
    expect(() => parsePValueInput("[0.1,", "j")).toThrow(/j: invalid JSON/);
  });
});

describe("adjustPValueText", () => {
  it("dispatches p.adjust methods and reports pi0 = null", () => {
    expect(adjustPValueText("0.01\nNA\n0.04\n", "f", "holm")).toEqual({
      method: "holm",
      adjusted: pAdjust([0.01, null, 0.04], "holm"),
      pi0: null,
    });
  });

  it("refuses dbh without supports, naming the source", () => {
    expect(() => adjustPValueText("0.01\n", "f.txt", "dbh")).toThrow(/f.txt: --method dbh needs each test's null support/);
  });
});
