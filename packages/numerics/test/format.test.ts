import { describe, expect, it } from "vitest";
import { formatNumber, jsonNumber, NumericsArgumentError, roundSignificant } from "../src/index.js";

describe("roundSignificant", () => {
  it("rounds the exact binary value to the given significant digits", () => {
    expect(roundSignificant(1234567, 3)).toBe(1230000);
    expect(roundSignificant(0.000123456, 2)).toBe(0.00012);
    expect(roundSignificant(-98.76, 3)).toBe(-98.8);
    expect(roundSignificant(2.675, 3)).toBe(2.67); // stored as 2.67499999999999982236431605997495353221893310546875
    expect(roundSignificant(0.125, 2)).toBe(0.13); // exact tie: away from zero
    expect(roundSignificant(1e-300 / 3, 4)).toBe(3.333e-301);
  });
  it("-0 -> 0; NaN and infinities unchanged; bad digits throw", () => {
    expect(Object.is(roundSignificant(-0, 3), 0)).toBe(true);
    expect(roundSignificant(NaN, 3)).toBeNaN();
    expect(roundSignificant(-Infinity, 3)).toBe(-Infinity);
    expect(() => roundSignificant(1, 0)).toThrow(NumericsArgumentError);
    expect(() => roundSignificant(1, 2.5)).toThrow(NumericsArgumentError);
  });
});

describe("formatNumber", () => {
  it("fixed notation for exponents -4..14, trailing zeros dropped (as R's format)", () => {
    expect(formatNumber(0.05)).toBe("0.05");
    expect(formatNumber(0.0001234)).toBe("0.0001234");
    expect(formatNumber(123456789)).toBe("123457000");
    expect(formatNumber(100000)).toBe("100000");
    expect(formatNumber(-2.5)).toBe("-2.5");
    expect(formatNumber(Math.PI, 4)).toBe("3.142");
    expect(formatNumber(0.99999999)).toBe("1");
  });
  it("scientific with a signed two-digit exponent outside that range", () => {
    expect(formatNumber(1e-20)).toBe("1e-20");
    expect(formatNumber(0.00001234)).toBe("1.234e-05");
    expect(formatNumber(-4.6053530095819552e-308, 3)).toBe("-4.61e-308");
    expect(formatNumber(1.5e15)).toBe("1.5e+15");
  });
  it("NA / NaN / Inf policy and -0", () => {
    expect(formatNumber(null)).toBe("NA");
    expect(formatNumber(NaN)).toBe("NaN");
    expect(formatNumber(Infinity)).toBe("Inf");
    expect(formatNumber(-Infinity)).toBe("-Inf");
    expect(formatNumber(-0)).toBe("0");
  });
  it("jsonNumber: NaN and infinities -> null, -0 -> 0, optional rounding", () => {
    expect(jsonNumber(NaN)).toBeNull();
    expect(jsonNumber(-Infinity)).toBeNull();
    expect(jsonNumber(null)).toBeNull();
    expect(Object.is(jsonNumber(-0), 0)).toBe(true);
    expect(jsonNumber(0.123456789, 3)).toBe(0.123);
    expect(JSON.stringify([jsonNumber(NaN), jsonNumber(1 / 3, 4)])).toBe("[null,0.3333]");
  });
});
