import { describe, expect, it } from "vitest";
import { featureSeries, measurementFrame, type Measurement } from "../src/index.js";

const rows: Measurement[] = [
  { subject: "010", visit: "D7", day: 7, feature: "c3", value: 0.8, unit: "g/L", censored: null, limit: null },
  { subject: "007", visit: "D7", day: 7, feature: "c3", value: null, unit: "g/L", censored: "<", limit: 0.05 },
  { subject: "007", visit: "D0", day: 0, feature: "c3", value: 0.6, unit: "g/L", censored: null, limit: null },
  { subject: "007", visit: "D0", day: 0, feature: "c4", value: 0.1, unit: "g/L", censored: null, limit: null },
];

describe("data-frame views", () => {
  it("measurementFrame gives equal-length canonical columns", () => {
    expect(measurementFrame(rows)).toEqual({
      subject: ["010", "007", "007", "007"],
      visit: ["D7", "D7", "D0", "D0"],
      day: [7, 7, 0, 0],
      feature: ["c3", "c3", "c3", "c4"],
      value: [0.8, null, 0.6, 0.1],
      unit: ["g/L", "g/L", "g/L", "g/L"],
      censored: [null, "<", null, null],
      limit: [null, 0.05, null, null],
    });
  });

  it("featureSeries orders one feature by subject order and day", () => {
    expect(featureSeries(rows, "c3", ["007", "010"]).map((m) => `${m.subject}/${m.day}`)).toEqual([
      "007/0",
      "007/7",
      "010/7",
    ]);
    expect(featureSeries(rows, "c3").map((m) => `${m.subject}/${m.day}`)).toEqual(["010/7", "007/0", "007/7"]);
  });
});
