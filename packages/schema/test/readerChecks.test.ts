import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ManifestError, readStudy, type InputIssue } from "../src/index.js";
import { folderWith, inputErrorOf } from "./helpers.js";

/** A study folder: the manifest's `files` name the tables given; `manifest` adds keys. */
function study(files: Record<string, string>, manifest: Record<string, unknown> = {}): string {
  const names: Record<string, string> = {};
  for (const key of ["measurements", "subjects", "samples", "features", "clinical", "singlecell"])
    if (files[`${key}.csv`] !== undefined) names[key] = `${key}.csv`;
  return folderWith({ "study.json": JSON.stringify({ name: "t", files: names, ...manifest }), ...files });
}

const where = (issues: readonly InputIssue[]) => issues.map((i) => [i.file.split("/").at(-1), i.row, i.column]);

function manifestErrorOf(fn: () => unknown): ManifestError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ManifestError) return error;
    throw error;
  }
  throw new Error("expected a ManifestError");
}

const SUBJECTS = "subject,sex,age\n001,F,12\n002,M,14\n";

describe("QC exclusions are keyed by the sample (subject and day), never by the visit label", () => {
  it("a sample labelled 'Day 84' excludes the measurements labelled 'D84' of the same subject and day", () => {
    const dir = study({
      "subjects.csv": SUBJECTS,
      "samples.csv": "sample,subject,visit,day,viability,haemolysis\ns1,001,Day 0,0,95,none\ns2,001,Day 84,84,40,none\n",
      "measurements.csv": "subject,visit,day,feature,value,unit\n001,D0,0,cd4,40,%\n001,D84,84,cd4,41,%\n001,D84,84,c3,0.9,g/L\n",
    });
    const s = readStudy(dir);
    expect(s.exclusions.map((e) => [e.subject, e.day])).toEqual([["001", 84]]);
    // The cellular value of the excluded sample is gone; its serology (viability does not exclude it) stays.
    expect(s.measurements.map((m) => [m.day, m.feature, m.value])).toEqual([
      [0, "cd4", 40],
      [84, "c3", 0.9],
    ]);
  });

  it("a measurement of a sample-measured feature without a sample record is an error naming its row", () => {
    const dir = study({
      "subjects.csv": SUBJECTS,
      "samples.csv": "sample,subject,visit,day\ns1,001,D0,0\n",
      "measurements.csv": "subject,visit,day,feature,value,unit\n001,D0,0,cd4,40,%\n001,D7,7,cd4,41,%\n",
    });
    const error = inputErrorOf(() => readStudy(dir));
    expect(where(error.issues)).toEqual([["measurements.csv", 3, "subject"]]);
    expect(error.issues[0].message).toContain("no sample of subject '001' on day 7");
  });

  it("two samples of one subject and day are an error", () => {
    const dir = study({
      "samples.csv": "sample,subject,visit,day\ns1,001,D0,0\ns2,001,Day 0,0\n",
      "measurements.csv": "subject,visit,day,feature,value,unit\n001,D0,0,cd4,40,%\n",
    });
    expect(where(inputErrorOf(() => readStudy(dir)).issues)).toEqual([["samples.csv", 3, "day"]]);
  });
});

describe("the manifest is strict", () => {
  it("an unknown key is an error naming its key path, never a silent default", () => {
    const dir = study(
      { "measurements.csv": "subject,day,feature,value,unit\n001,0,cd4,40,%\n" },
      { exclusion: { minViabilty: 90 }, format: { delimter: ";" } }
    );
    const error = manifestErrorOf(() => readStudy(dir));
    expect(error.message).toContain("exclusion.minViabilty: unknown key");
    expect(error.message).toContain("format.delimter: unknown key");
  });

  it("paths leaving the study folder, absolute paths and symlinks out are refused without reading them", () => {
    for (const path of ["../../etc/passwd", "/etc/passwd"]) {
      const dir = folderWith({ "study.json": JSON.stringify({ name: "t", files: { measurements: path } }) });
      const error = inputErrorOf(() => readStudy(dir));
      expect(where(error.issues)).toEqual([["study.json", null, null]]);
      expect(error.message).not.toContain("root:");
    }
    const dir = folderWith({ "study.json": JSON.stringify({ name: "t", files: { measurements: "m.csv" } }) });
    symlinkSync("/etc/passwd", join(dir, "m.csv"));
    expect(inputErrorOf(() => readStudy(dir)).message).toContain("a symlink out of the study folder");
  });

  it("a folder where a file is expected is an error naming it", () => {
    const dir = folderWith({ "study.json": JSON.stringify({ name: "t", files: { measurements: "m.csv" } }) });
    mkdirSync(join(dir, "m.csv"));
    const error = inputErrorOf(() => readStudy(dir));
    expect(error.issues).toEqual([{ file: join(dir, "m.csv"), row: null, column: null, message: "is a folder; a file was expected" }]);
  });

  it("a sample pattern that could backtrack catastrophically is refused", () => {
    for (const pattern of ["^(a+)+$", "^(?<subject>\\d+|\\d+a)*_(?<visit>D\\d+)$", "(x)\\1"]) {
      const dir = study(
        { "measurements.csv": "sample,a/b | Count\nx,1\n" },
        { format: { layout: "flowjo", samplePattern: pattern } }
      );
      expect(manifestErrorOf(() => readStudy(dir)).message).toContain("format.samplePattern");
    }
  });
});

describe("the wide reader runs the long reader's checks", () => {
  const wide = (header: string, row: string) =>
    study({ "measurements.csv": `subject,visit,day,${header}\n001,D0,0,${row}\n` }, { format: { layout: "wide" } });

  it("a duplicated column, one feature in two units, and data under an empty header are errors naming the columns", () => {
    expect(inputErrorOf(() => readStudy(wide("C3 [g/L],C3 [g/L]", "0.8,0.8"))).issues[0]).toMatchObject({ row: 1, column: "C3 [g/L]" });
    const units = inputErrorOf(() => readStudy(wide("C3 [g/L],C3 [mg/dL]", "0.8,90")));
    expect(units.issues).toMatchObject([{ row: 1, column: "C3 [mg/dL]", message: "columns 'C3 [g/L]' and 'C3 [mg/dL]' both hold feature 'C3'; keep one" }]);
    const empty = inputErrorOf(() => readStudy(wide("C3 [g/L],", "0.8,7")));
    expect(empty.issues).toMatchObject([{ row: 2, column: "#5", message: "value '7' in column 5, which has no header" }]);
  });

  it("converts a header unit to the feature metadata's unit when they measure the same quantity", () => {
    const dir = study(
      {
        "features.csv": "feature,kind,unit\nC3,serology,g/L\n",
        "measurements.csv": "subject,visit,day,C3 [mg/dL]\n001,D0,0,90\n",
      },
      { format: { layout: "wide" } }
    );
    expect(readStudy(dir).measurements).toMatchObject([{ feature: "C3", unit: "g/L", value: 0.9 }]);
  });
});

describe("the FlowJo reader checks across rows", () => {
  const flowjo = (rows: string[], extra: Record<string, string> = {}, manifest: Record<string, unknown> = {}) =>
    study(
      { "measurements.csv": [",Lymphocytes/CD19+ | Freq. of Parent", ...rows].join("\n"), ...extra },
      {
        format: { layout: "flowjo", samplePattern: "^(?<subject>\\d+)_(?<visit>D-?\\d+)_\\d+$" },
        visits: [
          { label: "D0", day: 0 },
          { label: "D7", day: 7, window: [6, 8] },
        ],
        ...manifest,
      }
    );

  it("the same sample twice (with and without .fcs) is an error naming both rows", () => {
    const error = inputErrorOf(() => readStudy(flowjo(["001_D0_0.fcs,5.1", "001_D0_0,5.1"])));
    expect(error.issues).toMatchObject([{ row: 3, column: "(sample name)" }]);
    expect(error.issues[0].message).toContain("of sample '001_D0_0.fcs' at row 2");
  });

  it("a subject absent from subjects.csv and a visit outside the declared visits are errors", () => {
    const error = inputErrorOf(() => readStudy(flowjo(["001_D0_0,5", "003_D0_0,6", "001_D14_0,7"], { "subjects.csv": SUBJECTS })));
    expect(error.issues.map((i) => [i.row, i.message])).toEqual([
      [3, "unknown subject '003' (not in the subjects table)"],
      [4, "unknown visit 'D14' (not among the declared visits)"],
    ]);
  });
});

describe("FlowJo rows located by the pattern need a sample record", () => {
  it("a sample missing from samples.csv is an error, so its QC cannot be skipped", () => {
    const dir = study(
      {
        "samples.csv": "sample,subject,visit,day,viability\ns1,001,D0,0,95\n",
        "measurements.csv": ",Lymphocytes/CD19+ | Freq. of Parent\n001_D0_0,5\n001_D7_0,6\n",
      },
      { format: { layout: "flowjo", samplePattern: "^(?<subject>\\d+)_(?<visit>D-?\\d+)_\\d+$" } }
    );
    const error = inputErrorOf(() => readStudy(dir));
    expect(error.issues.map((i) => [i.row, i.message])).toEqual([
      [3, "no sample of subject '001' on day 7 in the samples table (its QC cannot be applied)"],
    ]);
  });
});

describe("encodings and comments", () => {
  it("Latin-1 bytes are refused naming the file and the line of the first invalid byte", () => {
    const dir = study({ "measurements.csv": "subject,day,feature,value,unit\n" });
    writeFileSync(join(dir, "measurements.csv"), Buffer.from("subject,day,feature,value,unit\nJ\xf6rg,0,cd4,4,%\nJ\xfcrg,0,cd4,5,%\n", "latin1"));
    const error = inputErrorOf(() => readStudy(dir));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0].file).toBe(join(dir, "measurements.csv"));
    expect(error.issues[0].message).toMatch(/^byte 0xf6 at line 2 .* is not UTF-8/);
  });

  it("a declared windows-1252 file is decoded: Jörg and Jürg stay two subjects", () => {
    const dir = study({ "measurements.csv": "" }, { format: { encoding: "windows-1252" } });
    writeFileSync(join(dir, "measurements.csv"), Buffer.from("subject,day,feature,value,unit\nJ\xf6rg,0,cd4,4,%\nJ\xfcrg,0,cd4,5,%\n", "latin1"));
    expect(readStudy(dir).measurements.map((m) => [m.subject, m.value])).toEqual([
      ["Jörg", 4],
      ["Jürg", 5],
    ]);
  });

  it("UTF-8 with a BOM reads; comment lines are allowed before the header only, a data row starting with # is data", () => {
    const dir = study({ "measurements.csv": "\ufeff# SIMULATED\nsubject,day,feature,value,unit\n#12,0,cd4,4,%\n013,0,cd4,5,%\n" });
    expect(readStudy(dir).measurements.map((m) => [m.subject, m.value])).toEqual([
      ["#12", 4],
      ["013", 5],
    ]);
    const none = study({ "measurements.csv": "# note\nsubject,day,feature,value,unit\n1,0,cd4,4,%\n" }, { format: { comment: null } });
    expect(inputErrorOf(() => readStudy(none)).message).toContain("missing required column");
  });
});

describe("single-cell, clinical and competing columns", () => {
  it("a single-cell row repeated by subject, day and cell type is an error, never summed; its day must fit its visit", () => {
    const dir = study(
      {
        "measurements.csv": "subject,visit,day,feature,value,unit\n001,D0,0,cd4,40,%\n",
        "singlecell.csv": "subject,visit,day,cell_type,count\n001,D0,0,B naive,10\n001,D0,0,B naive,12\n001,D7,30,B naive,3\n",
      },
      { visits: [{ label: "D0", day: 0 }, { label: "D7", day: 7, window: [6, 8] }] }
    );
    const error = inputErrorOf(() => readStudy(dir));
    expect(error.issues.map((i) => [i.row, i.column])).toEqual([
      [3, "cell_type"],
      [4, "day"],
    ]);
  });

  it("two columns for one field (value and AVAL, value twice, pga twice) are errors naming both", () => {
    const both = inputErrorOf(() => readStudy(study({ "measurements.csv": "subject,day,feature,value,AVAL,unit\n1,0,cd4,4,5,%\n" })));
    expect(both.issues).toMatchObject([{ row: 1, column: "AVAL", message: "columns 'value' and 'AVAL' both give the value; keep one" }]);
    const twice = inputErrorOf(() => readStudy(study({ "measurements.csv": "subject,day,feature,value,value,unit\n1,0,cd4,4,5,%\n" })));
    expect(twice.issues[0].message).toBe("column 'value' appears twice (columns 4 and 5); rename or remove one");
  });
});

describe("censoring input rules", () => {
  const long = (rows: string[]) => study({ "measurements.csv": ["subject,day,feature,value,unit,censored,limit", ...rows].join("\n") });

  it("a non-positive limit is refused, in the value and in the limit column", () => {
    const error = inputErrorOf(() => readStudy(long(["1,0,c3,<-1,g/L,,", "1,7,c3,,g/L,<,0"])));
    expect(error.issues.map((i) => [i.row, i.column, i.message])).toEqual([
      [2, "value", "censoring limit -1 must be positive"],
      [3, "limit", "censoring limit 0 must be positive"],
    ]);
  });

  it("a value below its row's own LLOQ is censored at that LLOQ, not kept as a number", () => {
    const s = readStudy(long(["1,0,c3,0.02,g/L,,0.05", "1,7,c3,0.9,g/L,,0.05"]));
    expect(s.measurements.map((m) => [m.day, m.value, m.censored, m.limit])).toEqual([
      [0, null, "<", 0.05],
      [7, 0.9, null, 0.05],
    ]);
  });

  it("two ABLFL baseline flags of one subject and feature are an error naming both rows", () => {
    const dir = study({ "measurements.csv": "USUBJID,ADY,PARAMCD,AVAL,AVALU,ABLFL\n1,-7,C3,0.8,g/L,Y\n1,0,C3,0.9,g/L,Y\n" });
    const error = inputErrorOf(() => readStudy(dir));
    expect(error.issues).toMatchObject([{ row: 3, column: "ABLFL" }]);
    expect(error.issues[0].message).toContain("(first at row 2)");
  });
});

describe("nothing is lost or changed on the bundled cohort", () => {
  it("every data row of measurements.csv is read with its value, or removed by a listed exclusion of its subject and day", () => {
    const dir = join(__dirname, "..", "..", "..", "datasets", "csle-bite-sim");
    const s = readStudy(dir);
    const lines = readFileSync(join(dir, "measurements.csv"), "utf8").split("\n").filter((l) => l !== "" && !l.startsWith("#"));
    const header = lines[0].split(",");
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(",").map((c, k) => [header[k], c])));
    const read = new Map(s.measurements.map((m) => [`${m.subject}|${m.day}|${m.feature}`, m]));
    const excluded = new Set(s.exclusions.map((e) => `${e.subject}|${e.day}`));
    let kept = 0;
    for (const r of rows) {
      const m = read.get(`${r.subject}|${r.day}|${r.feature}`);
      if (m === undefined) {
        expect(excluded.has(`${r.subject}|${r.day}`), `row ${r.subject} ${r.day} ${r.feature} vanished`).toBe(true);
        continue;
      }
      kept += 1;
      expect(m.value).toBe(r.value === "" ? null : Number(r.value));
      expect(m.censored).toBe(r.censored === "" ? null : r.censored);
      expect(m.limit).toBe(r.limit === "" ? null : Number(r.limit));
    }
    expect(kept).toBe(s.measurements.filter((m) => m.unit !== "score" && m.unit !== "0-3" && m.unit !== "mg/day").length);
  });
});
