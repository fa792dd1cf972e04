import { describe, expect, it } from "vitest";
import { discreteBH, pAdjust } from "../src/index.js";

describe("README example", () => {
  it("pAdjust hommel and discreteBH give the values the README states", () => {
    expect(pAdjust([0.01, null, 0.04, 0.03], "hommel")).toEqual([0.03, null, 0.04, 0.04]);
    const adjusted = discreteBH(
      [{ pValue: 0.2, support: [0.2, 1] }, { pValue: 0.05, support: [0.05, 0.3, 1] }],
      { alpha: 0.1, direction: "step-down" },
    ).adjusted as number[];
    expect(adjusted[0]).toBeCloseTo(23 / 152, 15);
    expect(adjusted[1]).toBeCloseTo(1 / 19, 15);
  });
});
