import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { restoreCliState, runCommand } from "./support/runCommand.js";

const bundled = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "datasets", "csle-bite-sim");
const dir = mkdtempSync(join(tmpdir(), "validate-"));
const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const bad = write(
  "bad.csv",
  "subject,visit,day,feature,value,unit\n007,D0,0,c3,abc,g/L\n007,D7,7,c3,0.8,g/L\n007,D14,14,cd4_pct,104,%\n"
);

afterEach(restoreCliState);

describe("biomarker validate", () => {
  it("summarises the bundled SIMULATED cohort: subjects, visits, features, missing, censored, exclusions", async () => {
    const { code, stdout, stderr } = await runCommand(["validate", "--data", bundled]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("csle-bite-sim (SIMULATED): valid");
    expect(stdout).toContain("subjects: 6");
    expect(stdout).toContain("visits: 11 (D-7, D0, D3, D7, D14, D21, D28, D56, D84, D168, D364)");
    expect(stdout).toMatch(/left-censored: \d+/);
    expect(stdout).toContain("excluded samples: 2");
    expect(stdout).toMatch(/severe haemolysis/);
  });

  it("--json prints one JSON document with the summary", async () => {
    const { code, stdout } = await runCommand(["validate", "--data", bundled, "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc).toMatchObject({ valid: true, simulated: true, subjects: 6, features: 89 });
    expect(doc.excluded).toHaveLength(2);
  });

  it("exits 1 naming file, row and column of every bad row, without a stack", async () => {
    const { code, stdout, stderr } = await runCommand(["validate", "--data", bad]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain(`${bad}, row 2, column 'value': 'abc' is not a number`);
    expect(stderr).toContain(`${bad}, row 4, column 'value': percentage 104 is above 100`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("--json on bad input prints the issues as the one JSON document and exits 1", async () => {
    const { code, stdout } = await runCommand(["validate", "--data", bad, "--json"]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      valid: false,
      issues: [
        { file: bad, row: 2, column: "value", message: "'abc' is not a number" },
        { file: bad, row: 4, column: "value", message: "percentage 104 is above 100" },
      ],
    });
  });

  it("--skip-invalid reads the rest and lists every skipped row with its reason", async () => {
    const { code, stdout } = await runCommand(["validate", "--data", bad, "--skip-invalid", "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.measurements).toBe(1);
    expect(doc.skipped).toEqual([
      { file: bad, row: 2, reasons: ["column 'value': 'abc' is not a number"] },
      { file: bad, row: 4, reasons: ["column 'value': percentage 104 is above 100"] },
    ]);
  });

  const H = "subject,visit,day,feature,value,unit";
  const badInputs: [string, string, string][] = [
    ["empty file", "", "empty-file.csv: the file is empty"],
    ["header only", `${H}\n`, "header-only.csv, row 1: the file has a header but no data rows"],
    [
      "missing required column",
      "subject,visit,day,feature,unit\n1,D0,0,c3,g/L\n",
      "missing-required-column.csv, row 1, column 'value (or AVAL)': missing required column",
    ],
    [
      "ragged row",
      `${H}\n1,D0,0,c3,0.9,g/L\n1,D7,7,c3\n`,
      "ragged-row.csv, row 3: ragged row: 4 fields where the header has 6",
    ],
    [
      "non-numeric value",
      `${H}\n1,D0,0,c3,high,g/L\n`,
      "non-numeric-value.csv, row 2, column 'value': 'high' is not a number",
    ],
    [
      "negative count",
      `${H}\n1,D0,0,b_count,-4,cells/uL\n`,
      "negative-count.csv, row 2, column 'value': negative count -4 cells/uL",
    ],
    [
      "percent above 100",
      `${H}\n1,D0,0,b_pct,101,%\n`,
      "percent-above-100.csv, row 2, column 'value': percentage 101 is above 100",
    ],
    [
      "Infinity",
      `${H}\n1,D0,0,c3,Infinity,g/L\n`,
      "infinity.csv, row 2, column 'value': 'Infinity' is not a finite number",
    ],
    [
      "units of one feature that do not convert",
      `${H}\n1,D0,0,c3,0.9,g/L\n1,D7,7,c3,0.8,g/dL/h\n`,
      "units-of-one-feature-that-do-not-convert.csv, row 3, column 'unit': unit 'g/dL/h' differs from unit 'g/L' of feature 'c3' at row 2",
    ],
    [
      "duplicate (subject, day, feature)",
      `${H}\n1,D0,0,c3,0.9,g/L\n1,D0,0,c3,0.8,g/L\n`,
      "duplicate-subject-day-feature.csv, row 3: duplicate of row 2",
    ],
    [
      "day contradicting its visit",
      `${H}\n1,D14,30,c3,0.9,g/L\n`,
      "day-contradicting-its-visit.csv, row 2, column 'day': day 30 contradicts visit 'D14'",
    ],
  ];
  for (const [name, text, expected] of badInputs) {
    it(`exits 1 on ${name}, naming file, row and column`, async () => {
      const file = write(
        `${name
          .replace(/[^a-z0-9]+/gi, "-")
          .replace(/-$/, "")
          .toLowerCase()}.csv`,
        text
      );
      const { code, stdout, stderr } = await runCommand(["validate", "--data", file]);
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toContain(expected);
    });
  }

  it("exits 1 on an unknown subject in measurements, naming file, row and column", async () => {
    const study = mkdtempSync(join(tmpdir(), "validate-study-"));
    writeFileSync(
      join(study, "study.json"),
      JSON.stringify({ name: "s", files: { measurements: "m.csv", subjects: "subjects.csv" } })
    );
    writeFileSync(join(study, "subjects.csv"), "subject,sex,age\n007,F,11\n");
    writeFileSync(
      join(study, "m.csv"),
      "subject,visit,day,feature,value,unit\n007,D0,0,c3,0.9,g/L\n008,D0,0,c3,0.9,g/L\n"
    );
    const { code, stderr } = await runCommand(["validate", "--data", study]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `${join(study, "m.csv")}, row 3, column 'subject': unknown subject '008' (not in the subjects table)`
    );
  });

  it("names a missing path", async () => {
    const { code, stderr } = await runCommand(["validate", "--data", join(dir, "nope")]);
    expect(code).toBe(1);
    expect(stderr).toContain("no such file or folder");
  });

  it("is a usage error without --data", async () => {
    const { code } = await runCommand(["validate"]);
    expect(code).toBe(2);
  });
});
