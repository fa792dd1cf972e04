import { describe, expect, it } from "vitest";
import { bootstrapTable, BootstrapInputError } from "../src/index.js";

describe("bootstrapTable", () => {
  it("drops rows with a missing cell, listing them as file rows (data row k = row k + 2), and enumerates the rest", () => {
    const report = bootstrapTable({ value: [1, null, 2, 3, Number.NaN, 4] }, { statistic: "mean", x: "value" });
    expect(report.droppedRows).toEqual([3, 6]);
    expect(report.observations).toBe(4);
    // 4 observations: C(7, 4) = 35 distinct resamples; SE of the mean = sqrt(sum (x - 2.5)^2 / 4^2) = sqrt(5 / 16).
    expect(report.replicates).toBe(35);
    expect(report.estimate).toBe(2.5);
    expect(Math.abs((report.stdError as number) - Math.sqrt(5 / 16))).toBeLessThan(1e-12);
  });

  it("does not parse text: a text cell or an absent column is an input error naming source, row and column", () => {
    expect(() => bootstrapTable({ value: [1, "two", 3] }, { statistic: "mean", x: "value" }, "d.csv")).toThrow(
      new BootstrapInputError("d.csv, row 3, column 'value': 'two' is not a number")
    );
    expect(() => bootstrapTable({ value: [1, 2, 3] }, { statistic: "mean", x: "v" }, "d.csv")).toThrow(
      "d.csv, row 1: no column 'v'; the columns are value"
    );
  });
});
