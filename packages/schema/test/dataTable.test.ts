import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDataTable, readDataTable } from "../src/index.js";
import { folderWith, inputErrorOf } from "./helpers.js";

describe("parseDataTable", () => {
  it("reads every column as numbers or text ('auto'), missing cells as null, skipping leading comments and blank lines", () => {
    const text = "# SIMULATED\nsubject,day,value,note\n\ns1,0,1.5,\ns1,7,NA,late\n\ns2,0,-2e-3,n/a\n";
    const table = parseDataTable(text, { file: "t.csv" });
    expect(table.header).toEqual(["subject", "day", "value", "note"]);
    expect(table.columns).toEqual({
      subject: ["s1", "s1", "s2"],
      day: [0, 7, 0],
      value: [1.5, null, -0.002],
      note: [null, "late", null],
    });
    expect(table.lines).toEqual([4, 5, 7]);
    expect(table.censored).toEqual({});
  });

  it("reads only the named columns, in header order, with their types", () => {
    const table = parseDataTable("id,x,y,z\n1,2,3,4\n5,6,7,8\n", { file: "t.csv", columns: { z: "number", id: "text" } });
    expect(table.columns).toEqual({ id: ["1", "5"], z: [4, 8] });
    expect(Object.keys(table.columns)).toEqual(["id", "z"]);
  });

  it("reports '<limit' cells of number columns as censored with their limit", () => {
    const table = parseDataTable("cd19\tcd4\n1\t<0.5\n<=2\t3\n\t4\n", {
      file: "t.tsv",
      columns: { cd19: "number", cd4: "number" },
      censored: true,
    });
    expect(table.columns).toEqual({ cd19: [1, null, null], cd4: [null, 3, 4] });
    expect(table.censored).toEqual({ cd19: [null, 2, null], cd4: [0.5, null, null] });
  });

  it("reads semicolon files with decimal commas when asked", () => {
    const table = parseDataTable("a;b\n1,5;x\n2;y\n", { file: "t.csv", decimal: "," });
    expect(table.columns).toEqual({ a: [1.5, 2], b: ["x", "y"] });
  });

  it("a bad number names file, row (header = row 1) and column; all problems are listed", () => {
    const error = inputErrorOf(() =>
      parseDataTable("a,b\n1,2\n2,x\n3,<1\n", { file: "bad.csv", columns: { a: "number", b: "number" } })
    );
    expect(error.inputError).toBe(true);
    expect(error.issues).toEqual([
      { file: "bad.csv", row: 3, column: "b", message: "'x' is not a number" },
      { file: "bad.csv", row: 4, column: "b", message: "'<1' is not a number" },
    ]);
    expect(error.message).toContain("bad.csv, row 3, column 'b': 'x' is not a number");
  });

  it("rows do not count comment lines; the message adds the text line when it differs", () => {
    const error = inputErrorOf(() =>
      parseDataTable("# SIMULATED data\na,b\n1,2\n\n2,3\n3,oops\n", { file: "c.csv", columns: { b: "number" } })
    );
    expect(error.issues).toEqual([{ file: "c.csv", row: 4, line: 6, column: "b", message: "'oops' is not a number" }]);
    expect(error.message).toContain("c.csv, row 4 (line 6), column 'b': 'oops' is not a number");
  });

  it("the line of a row after a quoted multi-line cell is where the row starts", () => {
    const table = parseDataTable('a,b\n1,"two\nlines"\n3,4\n', { file: "q.csv" });
    expect(table.columns).toEqual({ a: [1, 3], b: ["two\nlines", "4"] });
    expect(table.lines).toEqual([2, 4]);
  });

  it("a missing column is an error on row 1 listing the header; a duplicate requested column too", () => {
    const missing = inputErrorOf(() => parseDataTable("# c\na,b\n1,2\n", { file: "m.csv", columns: { cd8: "number" } }));
    expect(missing.issues).toEqual([
      { file: "m.csv", row: 1, line: 2, column: null, message: "no column 'cd8'; the columns are a, b" },
    ]);
    expect(missing.message).toContain("m.csv, row 1 (line 2): no column 'cd8'");
    const duplicate = inputErrorOf(() => parseDataTable("a,a,b\n1,2,3\n", { file: "d.csv", columns: { a: "number" } }));
    expect(duplicate.issues).toEqual([
      { file: "d.csv", row: 1, column: "a", message: "the column name 'a' appears more than once" },
    ]);
  });

  it("a ragged row, an empty file and a header without rows are input errors", () => {
    const ragged = inputErrorOf(() => parseDataTable("a,b\n1,2\n3\n", { file: "r.csv" }));
    expect(ragged.issues).toEqual([
      { file: "r.csv", row: 3, column: null, message: "ragged row: 1 fields where the header has 2" },
    ]);
    expect(inputErrorOf(() => parseDataTable("# only a comment\n", { file: "e.csv" })).issues).toEqual([
      { file: "e.csv", row: null, column: null, message: "the file is empty" },
    ]);
    expect(inputErrorOf(() => parseDataTable("a,b\n", { file: "h.csv" })).issues).toEqual([
      { file: "h.csv", row: 1, column: null, message: "the file has a header but no data rows" },
    ]);
  });
});

describe("readDataTable", () => {
  it("reads a file named by its path, which messages name", () => {
    const dir = folderWith({ "wide.csv": "\uFEFFsubject,value\ns1,<0.25\ns2,3\n" });
    const path = join(dir, "wide.csv");
    const table = readDataTable(path, { columns: { subject: "text", value: "number" }, censored: true });
    expect(table).toEqual({
      file: path,
      header: ["subject", "value"],
      columns: { subject: ["s1", "s2"], value: [null, 3] },
      censored: { value: [0.25, null] },
      lines: [2, 3],
    });
    const absent = inputErrorOf(() => readDataTable(join(dir, "absent.csv")));
    expect(absent.issues[0]).toMatchObject({ file: join(dir, "absent.csv"), row: null, column: null });
    expect(absent.issues[0].message).toMatch(/^cannot read the file: ENOENT/);
  });
});
