import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readFlowJoTable, readStudy, readWideTable, splitUnitFromHeader } from "../src/index.js";
import { folderWith, inputErrorOf } from "./helpers.js";

describe("wide reader", () => {
  it("turns one row per sample into canonical long rows, units from the header", () => {
    const dir = folderWith({
      "w.csv": "subject,visit,day,C3 [g/L],anti-dsDNA (IU/mL),CD19+ [%]\n007,D0,0,0.62,<5,12.5\n007,D7,7,0.8,,<0.1\n",
    });
    const t = readWideTable(join(dir, "w.csv"));
    expect(t.measurements.map((m) => [m.subject, m.day, m.feature, m.value, m.unit, m.censored, m.limit])).toEqual([
      ["007", 0, "C3", 0.62, "g/L", null, null],
      ["007", 0, "anti-dsDNA", null, "IU/mL", "<", 5],
      ["007", 0, "CD19+", 12.5, "%", null, null],
      ["007", 7, "C3", 0.8, "g/L", null, null],
      ["007", 7, "CD19+", null, "%", "<", 0.1],
    ]);
  });

  it("ignores empty trailing columns", () => {
    const dir = folderWith({ "w.csv": "subject,day,C3 [g/L],\n1,0,0.5,\n" });
    expect(readWideTable(join(dir, "w.csv")).measurements).toHaveLength(1);
  });

  it("keeps parentheses that are not a unit in the feature name", () => {
    expect(splitUnitFromHeader("CD4+ (of CD3)")).toEqual({ feature: "CD4+ (of CD3)", unit: null });
    expect(splitUnitFromHeader("uPCR (mg/mmol)")).toEqual({ feature: "uPCR", unit: "mg/mmol" });
  });

  it("reports every bad cell with row and column", () => {
    const dir = folderWith({ "w.csv": "subject,day,C3 [g/L],CD19+ [%]\n1,0,abc,120\n1,7,0.5,3\n1,7,0.6,4\n" });
    const error = inputErrorOf(() => readWideTable(join(dir, "w.csv")));
    expect(error.issues.map((i) => [i.row, i.column, i.message])).toEqual([
      [2, "C3 [g/L]", "'abc' is not a number"],
      [2, "CD19+ [%]", "percentage 120 is above 100"],
      [4, null, "duplicate of row 3 (same subject '1' and day 7)"],
    ]);
  });

  it("needs a unit for every feature column", () => {
    const dir = folderWith({ "w.csv": "subject,day,C3\n1,0,0.5\n" });
    expect(inputErrorOf(() => readWideTable(join(dir, "w.csv"))).issues[0]).toMatchObject({ row: 1, column: "C3" });
  });

  it("is read by readStudy when the manifest says layout wide", () => {
    const dir = folderWith({
      "study.json": JSON.stringify({ name: "w", files: { measurements: "w.tsv" }, format: { layout: "wide" } }),
      "w.tsv": "subject\tday\tC3 [g/L]\n007\t0\t0.7\n",
    });
    expect(readStudy(dir).measurements).toEqual([
      { subject: "007", visit: "D0", day: 0, feature: "C3", value: 0.7, unit: "g/L", censored: null, limit: null },
    ]);
  });
});

const FLOWJO = [
  ",Lymphocytes/Single Cells/CD19+ | Freq. of Parent,Lymphocytes/Single Cells/CD19+ | Count,Lymphocytes/Single Cells/CD3+/CD4+ | Freq. of Parent,",
  "007_D0.fcs,12.4,2480,61.2,",
  "007_D28.fcs,0.02,4,63.5,",
  "Mean,6.21,1242,62.35,",
  "SD,8.75,1751,1.63,",
].join("\n");

describe("FlowJo table-editor reader", () => {
  it("keeps gate paths, maps statistics to kinds and drops summary rows", () => {
    const dir = folderWith({ "fj.csv": FLOWJO.replace(/,$/gm, "") });
    const t = readFlowJoTable(join(dir, "fj.csv"), { samplePattern: /^(?<subject>\d+)_(?<visit>D\d+)$/ });
    expect(t.droppedSummaryRows).toBe(2);
    expect(t.features[0]).toEqual({
      id: "Lymphocytes/Single Cells/CD19+ | Freq. of Parent",
      label: "CD19+ Freq. of Parent",
      kind: "frequency",
      panel: null,
      gatePath: "Lymphocytes/Single Cells/CD19+",
      parent: "Lymphocytes/Single Cells",
      unit: "%",
      lloq: null,
    });
    expect(t.features[1]).toMatchObject({ kind: "count", unit: "events" });
    expect(t.measurements.filter((m) => m.subject === "007" && m.day === 28).map((m) => m.value)).toEqual([
      0.02, 4, 63.5,
    ]);
  });

  it("ignores the empty trailing column FlowJo writes at the end of each line", () => {
    const dir = folderWith({ "fj.csv": FLOWJO });
    const t = readFlowJoTable(join(dir, "fj.csv"), { samplePattern: /^(?<subject>\d+)_(?<visit>D\d+)$/ });
    expect(t.features).toHaveLength(3);
    expect(t.measurements).toHaveLength(6);
  });

  it("names samples it cannot place and bad values", () => {
    const dir = folderWith({ "fj.csv": FLOWJO.replace(/,$/gm, "").replace("007_D28.fcs,0.02", "xyz.fcs,-1") });
    const error = inputErrorOf(() =>
      readFlowJoTable(join(dir, "fj.csv"), { samplePattern: /^(?<subject>\d+)_(?<visit>D\d+)$/ })
    );
    expect(error.issues.map((i) => [i.row, i.column])).toEqual([
      [3, "(sample name)"],
      [3, "Lymphocytes/Single Cells/CD19+ | Freq. of Parent"],
    ]);
    expect(error.issues[0].message).toBe(
      "sample 'xyz' is not in the samples table and does not match the sample pattern"
    );
  });

  it("is read by readStudy through the samples table", () => {
    const dir = folderWith({
      "study.json": JSON.stringify({
        name: "f",
        files: { measurements: "fj.csv", samples: "samples.csv" },
        format: { layout: "flowjo" },
      }),
      "samples.csv": "sample,subject,visit,day\n007_D0,007,D0,0\n007_D28,007,D28,29\n",
      "fj.csv": FLOWJO.replace(/,$/gm, ""),
    });
    const study = readStudy(dir);
    expect(study.features.map((f) => f.kind)).toEqual(["frequency", "count", "frequency"]);
    expect(study.measurements.filter((m) => m.day === 29)).toHaveLength(3);
  });
});
