import { UnknownOptionError } from "@biomarker/numerics";
import { describe, expect, it } from "vitest";
import { discreteBH, estimatePi0, localFdr, qvalue, smoothingSpline } from "../src/index.js";

const p = [0.001, 0.01, 0.02, 0.04, 0.2, 0.3, 0.5, 0.6, 0.8, 0.9];

describe("public functions reject unknown option keys and values", () => {
  it("qvalue and estimatePi0: unknown key and unknown value", () => {
    expect(() => qvalue(p, { fdr_level: 0.1 } as object)).toThrow(UnknownOptionError);
    expect(() => qvalue(p, { method: "bootstrapp" as "bootstrap" })).toThrow(/method = "bootstrapp" is not valid/);
    expect(() => estimatePi0(p, { pi0: 0.5 } as object)).toThrow(UnknownOptionError);
    expect(() => estimatePi0(p, { method: "smooth" as "smoother" })).toThrow(UnknownOptionError);
  });

  it("localFdr, smoothingSpline and discreteBH", () => {
    expect(() => localFdr(Float64Array.from(p), 0.8, { transformation: "probits" as "probit" })).toThrow(UnknownOptionError);
    expect(() => smoothingSpline([1, 2, 3, 4, 5], [1, 3, 2, 5, 4], { spar: 0.5 } as object)).toThrow(UnknownOptionError);
    const tests = [{ p: 0.01, support: Float64Array.of(0.01, 0.5, 1) }];
    expect(() => discreteBH(tests as never, { direction: "stepdown" as "step-down" })).toThrow(UnknownOptionError);
    expect(() => discreteBH(tests as never, { method: "heyse" } as object)).toThrow(UnknownOptionError);
  });
});
