import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputDataError, readStudy } from "../src/index.js";
import { folderWith, inputErrorOf } from "./helpers.js";

const HEADER = "subject,visit,day,feature,value,unit,censored,limit";
const GOOD = ["007,D0,0,cd4_pct,41.5,%,,", "007,D7,7,cd4_pct,44.1,%,,", "012,D0,0,b_cells_count,230,cells/uL,,"];

function readLong(lines: string[], name = "m.csv") {
  const dir = folderWith({ [name]: lines.join("\n") });
  return { file: join(dir, name), read: (skipInvalid = false) => readStudy(join(dir, name), { skipInvalid }) };
}

function issuesOf(lines: string[]) {
  const { file, read } = readLong(lines);
  const error = inputErrorOf(() => read());
  expect(error.inputError).toBe(true);
  for (const issue of error.issues) expect(issue.file).toBe(file);
  return error;
}

describe("long CSV reader: good input", () => {
  it("keeps subject ids as strings ('007' stays '007')", () => {
    const study = readLong([HEADER, ...GOOD]).read();
    expect(study.subjects.map((s) => s.id)).toEqual(["007", "012"]);
    expect(study.measurements[0]).toEqual({
      subject: "007",
      visit: "D0",
      day: 0,
      feature: "cd4_pct",
      value: 41.5,
      unit: "%",
      censored: null,
      limit: null,
    });
  });

  it("keeps '<0.5' as a left-censored value with its limit", () => {
    const study = readLong([
      HEADER,
      "1,D0,0,anti_dsdna,<5,IU/mL,,",
      "1,D7,7,anti_dsdna,,IU/mL,<,5",
      "1,D14,14,anti_dsdna,,IU/mL,,",
    ]).read();
    expect(study.measurements.map((m) => [m.value, m.censored, m.limit])).toEqual([
      [null, "<", 5],
      [null, "<", 5],
      [null, null, null],
    ]);
  });

  it("reads a BOM, CRLF line ends, quoted fields and semicolons", () => {
    const text = `\uFEFFsubject;visit;day;feature;value;unit\r\n"007";D0;0;"CD4; naive";12.5;%\r\n007;D7;7;"CD4; naive";"13.5";%\r\n`;
    const dir = folderWith({ "m.csv": text });
    const study = readStudy(join(dir, "m.csv"));
    expect(study.measurements.map((m) => [m.subject, m.feature, m.value])).toEqual([
      ["007", "CD4; naive", 12.5],
      ["007", "CD4; naive", 13.5],
    ]);
  });

  it("reads tab-separated files", () => {
    const dir = folderWith({ "m.tsv": "subject\tvisit\tday\tfeature\tvalue\tunit\n1\tD0\t0\tc3\t0.81\tg/L\n" });
    expect(readStudy(join(dir, "m.tsv")).measurements[0].value).toBe(0.81);
  });

  it("reads decimal commas only when the manifest declares them", () => {
    const csv = "subject;visit;day;feature;value;unit\n1;D0;0;c3;0,81;g/L\n";
    const manifest = { name: "x", files: { measurements: "m.csv" }, format: { delimiter: ";", decimal: "," } };
    const dir = folderWith({ "m.csv": csv, "study.json": JSON.stringify(manifest) });
    expect(readStudy(dir).measurements[0].value).toBe(0.81);
    const error = inputErrorOf(() => readStudy(join(dir, "m.csv")));
    expect(error.issues[0]).toMatchObject({ row: 2, column: "value" });
    expect(error.message).toMatch(/decimal commas are read only when the manifest declares/);
  });

  it("accepts CDISC ADaM BDS names (USUBJID, AVISIT, ADY, PARAMCD, PARAM, AVAL, AVALC, AVALU, ABLFL)", () => {
    const lines = [
      "USUBJID,AVISIT,ADY,PARAMCD,PARAM,AVAL,AVALC,AVALU,ABLFL",
      "S-007,Day 0,0,C3,Complement C3,0.7,,g/L,Y",
      "S-007,Day 7,7,C3,Complement C3,,<0.05,g/L,",
    ];
    const study = readLong(lines).read();
    expect(study.measurements.map((m) => [m.subject, m.visit, m.day, m.feature, m.value, m.censored, m.limit])).toEqual(
      [
        ["S-007", "Day 0", 0, "C3", 0.7, null, null],
        ["S-007", "Day 7", 7, "C3", null, "<", 0.05],
      ]
    );
    expect(study.features[0]).toMatchObject({ id: "C3", label: "Complement C3", unit: "g/L" });
  });
});

describe("long CSV reader: every bad input exits with file, row and column", () => {
  it("empty file", () => {
    const error = issuesOf([""]);
    expect(error.message).toMatch(/m\.csv: the file is empty/);
  });

  it("header only", () => {
    const error = issuesOf([HEADER]);
    expect(error.issues[0]).toMatchObject({ row: 1, message: "the file has a header but no data rows" });
  });

  it("missing required column", () => {
    const error = issuesOf(["subject,visit,day,feature,unit", "1,D0,0,c3,g/L"]);
    expect(error.issues[0]).toMatchObject({ row: 1, column: "value (or AVAL)" });
  });

  it("ragged row", () => {
    const error = issuesOf([HEADER, ...GOOD, "007,D14,14,cd4_pct,40,%"]);
    expect(error.issues).toEqual([
      expect.objectContaining({ row: 5, column: null, message: "ragged row: 6 fields where the header has 8" }),
    ]);
  });

  it("non-numeric value in a numeric column", () => {
    const error = issuesOf([HEADER, ...GOOD, "007,D14,14,cd4_pct,abc,%,,"]);
    expect(error.issues).toEqual([
      expect.objectContaining({ row: 5, column: "value", message: "'abc' is not a number" }),
    ]);
    expect(error.message).toContain("m.csv, row 5, column 'value': 'abc' is not a number");
  });

  it("negative count", () => {
    const error = issuesOf([HEADER, "1,D0,0,b_cells_count,-3,cells/uL,,"]);
    expect(error.issues[0]).toMatchObject({ row: 2, column: "value", message: "negative count -3 cells/uL" });
  });

  it("percent above 100", () => {
    const error = issuesOf([HEADER, "1,D0,0,cd4_pct,104.2,%,,"]);
    expect(error.issues[0]).toMatchObject({ row: 2, column: "value", message: "percentage 104.2 is above 100" });
  });

  it("Infinity", () => {
    const error = issuesOf([HEADER, "1,D0,0,c3,Infinity,g/L,,", "1,D7,7,c3,-inf,g/L,,", "1,D14,14,c3,1e999,g/L,,"]);
    expect(error.issues.map((i) => [i.row, i.column])).toEqual([
      [2, "value"],
      [3, "value"],
      [4, "value"],
    ]);
    expect(error.issues[0].message).toBe("'Infinity' is not a finite number");
  });

  it("accepts any unit and carries it; a feature whose rows mix units that do not convert is refused", () => {
    const { read } = readLong([HEADER, "1,D0,0,tumour,1.2,log(cm^3),,", "1,D7,7,tumour,1.5,log(cm^3),,", "1,D0,0,drug,3,mcg/mL,,"]);
    const study = read(false);
    expect(study.measurements.filter((m) => m.feature === "tumour").map((m) => m.unit)).toEqual(["log(cm^3)", "log(cm^3)"]);
    expect(study.features.find((f) => f.id === "drug")?.unit).toBe("mcg/mL");
    const error = issuesOf([HEADER, "1,D0,0,c3,0.9,furlongs,,", "1,D7,7,c3,0.9,g/L,,"]);
    expect(error.issues[0]).toMatchObject({ row: 3, column: "unit" });
    expect(error.issues[0].message).toBe("unit 'g/L' differs from unit 'furlongs' of feature 'c3' at row 2 and cannot be converted to it");
  });

  it("accepts a time column in hours (time_h) or minutes (time_min), converted to days; visit-free rows are labelled by day", () => {
    const hours = readLong(["subject,time_h,feature,value,unit", "1,0,cytokine,5,pg/mL", "1,2,cytokine,50,pg/mL", "1,6,cytokine,20,pg/mL"]).read(false);
    expect(hours.measurements.map((m) => [m.day, m.visit])).toEqual([[0, "D0"], [2 / 24, `D${2 / 24}`], [6 / 24, `D${6 / 24}`]]);
    const minutes = readLong(["subject,time_min,feature,value,unit", "1,30,cytokine,5,pg/mL"]).read(false);
    expect(minutes.measurements[0].day).toBe(30 / 1440);
  });

  it("accepts fractional days (hour-level sampling) and refuses a day that is not a number", () => {
    const { read } = readLong([HEADER, "1,D0,0.0833,c3,0.9,g/L,,", "1,D7,7.25,c3,1.1,g/L,,"]);
    expect(read(false).measurements.map((m) => m.day)).toEqual([0.0833, 7.25]);
    const error = issuesOf([HEADER, "1,D0,2h,c3,0.9,g/L,,"]);
    expect(error.issues[0]).toMatchObject({ row: 2, column: "day", message: "'2h' is not a number of days" });
  });

  it("duplicate (subject, day, feature)", () => {
    const error = issuesOf([HEADER, ...GOOD, "007,D0,0,cd4_pct,40,%,,"]);
    expect(error.issues[0]).toMatchObject({
      row: 5,
      message: "duplicate of row 2 (same subject '007', day 0 and feature 'cd4_pct')",
    });
  });

  it("a day that contradicts its visit label", () => {
    const error = issuesOf([HEADER, "1,D7,21,c3,0.9,g/L,,"]);
    expect(error.issues[0]).toMatchObject({
      row: 2,
      column: "day",
      message: "day 21 contradicts visit 'D7' (window 4 to 10)",
    });
  });

  it("unknown subject in measurements (study folder with subjects.csv)", () => {
    const dir = folderWith({
      "study.json": JSON.stringify({ name: "x", files: { measurements: "m.csv", subjects: "subjects.csv" } }),
      "subjects.csv": "subject,sex,age\n007,F,12\n",
      "m.csv": [HEADER, "007,D0,0,c3,0.9,g/L,,", "7,D0,0,c3,0.8,g/L,,"].join("\n"),
    });
    const error = inputErrorOf(() => readStudy(dir));
    expect(error.issues).toEqual([
      {
        file: join(dir, "m.csv"),
        row: 3,
        column: "subject",
        message: "unknown subject '7' (not in the subjects table)",
      },
    ]);
  });

  it("reports every bad row, not only the first, and lists up to the limit", () => {
    const bad = [HEADER, "1,D0,0,c3,x,g/L,,", "1,D7,7,c3,0.9,g/L,,", "1,D14,14,c3,-1,g/L,,", "1,D21,21,c3,0.9,zz,,"];
    const { read } = readLong(bad);
    const error = inputErrorOf(() => read());
    expect(error.issues.map((i) => i.row)).toEqual([2, 4, 5]);
    const dir = folderWith({ "m.csv": bad.join("\n") });
    const limited = inputErrorOf(() => readStudy(join(dir, "m.csv"), { issueLimit: 2 }));
    expect(limited.issues).toHaveLength(3);
    expect(limited.message.split("\n")).toEqual([
      "3 problems in the input data:",
      expect.stringContaining("row 2"),
      expect.stringContaining("row 4"),
      "  ... and 1 more",
    ]);
  });

  it("with skipInvalid, reads the good rows and lists every skipped row with its reasons", () => {
    const { file, read } = readLong([HEADER, "1,D0,0,c3,x,g/L,,", "1,D7,7,c3,0.9,g/L,,", "1,D14,14,c3,-1,g/L,,"]);
    const study = read(true);
    expect(study.measurements.filter((m) => m.feature === "c3").map((m) => m.day)).toEqual([7]);
    expect(study.skipped).toEqual([
      {
        file,
        row: 2,
        reasons: ["column 'value': 'x' is not a number"],
      },
      { file, row: 4, reasons: ["column 'value': negative value -1 g/L"] },
    ]);
  });

  it("errors are typed input errors", () => {
    const error = issuesOf([HEADER]);
    expect(error).toBeInstanceOf(InputDataError);
    expect(error.inputError).toBe(true);
  });
});
