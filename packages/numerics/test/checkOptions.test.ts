import { describe, expect, it } from "vitest";
import { UnknownOptionError, checkOptions, minimizeBounded } from "../src/index.js";

describe("checkOptions", () => {
  const spec = { method: ["a", "b"], level: "number", n: "integer", flag: "boolean", f: "function", xs: "array", any: "any" } as const;

  it("accepts known keys with values in their domains, and undefined values as defaults", () => {
    const options = { method: "a", level: 0.9, n: 3, flag: true, f: () => 1, xs: new Float64Array(2), any: 0, unset: undefined };
    expect(() => checkOptions("f", { method: "b", level: undefined }, spec)).not.toThrow();
    expect(() => checkOptions("f", { ...options, unset: undefined } as object, { ...spec, unset: "number" })).not.toThrow();
    expect(checkOptions("f", undefined, spec)).toBeUndefined();
  });

  it("an unknown key throws UnknownOptionError naming the key and listing the valid ones", () => {
    try {
      checkOptions("fitThing", { REML: false }, spec);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UnknownOptionError);
      const e = error as UnknownOptionError;
      expect(e.key).toBe("REML");
      expect(e.valid).toEqual(Object.keys(spec));
      expect(e.inputError).toBe(true);
      expect(e.message).toBe("fitThing: unknown option 'REML'; valid options are method, level, n, flag, f, xs, any");
    }
  });

  it("a value outside its domain throws, listing the valid values", () => {
    expect(() => checkOptions("f", { method: "Kenward-Roger" }, spec)).toThrow(/option method = "Kenward-Roger" is not valid; use "a", "b"/);
    expect(() => checkOptions("f", { n: 2.5 }, spec)).toThrow(UnknownOptionError);
    expect(() => checkOptions("f", { level: "0.9" }, spec)).toThrow(UnknownOptionError);
    expect(() => checkOptions("f", { flag: 1 }, spec)).toThrow(UnknownOptionError);
    expect(() => checkOptions("f", { xs: 3 }, spec)).toThrow(UnknownOptionError);
    expect(() => checkOptions("f", 3 as unknown as object, spec)).toThrow(/options must be an object/);
  });

  it("minimizeBounded rejects an unknown option key and a bad value", () => {
    const f = (x: Float64Array) => (x[0] - 1) ** 2;
    expect(() => minimizeBounded(f, [0], [-5], [5], { xtol: 1e-9 } as object)).toThrow(UnknownOptionError);
    expect(() => minimizeBounded(f, [0], [-5], [5], { maxEvaluations: 10.5 })).toThrow(UnknownOptionError);
  });
});
