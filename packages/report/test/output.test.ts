import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareResults, createProgressBar, formatDifferences, ReportOutputError, reportMarkerFile, runAnalysis, serializeResults, validatePlan, writeReport } from "../src/index.js";
import { syntheticPlan, syntheticStudy } from "./fixtures/syntheticStudy.js";

const results = runAnalysis(syntheticStudy(), validatePlan(syntheticPlan));
const scratch = () => mkdtempSync(join(tmpdir(), "report-out-"));

describe("writing the report folder", () => {
  it("creates a missing --out folder (with parents) and writes every output with the marker", () => {
    const out = join(scratch(), "a", "b");
    const written = writeReport(results, out);
    expect(written.files).toEqual(expect.arrayContaining([reportMarkerFile, "index.html", "report.md", "results.json", "tables/cohort-subjects.csv", "figures/reconstitution-kaplan-meier.svg"]));
    expect(readFileSync(join(out, "results.json"), "utf8")).toBe(serializeResults(results));
    expect(readdirSync(out).filter((f) => f.includes(".tmp-"))).toEqual([]);
    const svg = readFileSync(join(out, "figures/reconstitution-kaplan-meier.svg"), "utf8");
    expect(svg).toMatch(/^<\?xml[^]*<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });

  it("accepts an empty folder; replaces an earlier report whole with --force only", () => {
    const out = scratch();
    writeReport(results, out);
    writeFileSync(join(out, "tables", "stale-from-study-a.csv"), "old");
    expect(() => writeReport(results, out)).toThrow(/holds an earlier report; pass --force/);
    writeReport(results, out, { force: true });
    expect(existsSync(join(out, "tables", "stale-from-study-a.csv"))).toBe(false);
    expect(readFileSync(join(out, "results.json"), "utf8")).toBe(serializeResults(results));
    expect(readdirSync(join(out, "..")).filter((f) => f.includes(".tmp-") || f.includes(".old-"))).toEqual([]);
  });

  it("refuses a non-empty folder that is not a report, even with --force, and leaves it untouched", () => {
    const out = scratch();
    writeFileSync(join(out, "thesis.docx"), "precious");
    for (const force of [false, true]) {
      expect(() => writeReport(results, out, { force })).toThrow(ReportOutputError);
      expect(() => writeReport(results, out, { force })).toThrow(/not empty and holds no report/);
    }
    expect(readdirSync(out)).toEqual(["thesis.docx"]);
  });

  it("refuses the study folder, folders inside it and folders holding it, whatever --data names and with --force", () => {
    const data = scratch();
    writeFileSync(join(data, "study.json"), "{}");
    writeFileSync(join(data, reportMarkerFile), "");
    for (const input of [data, join(data, "study.json")]) {
      expect(() => writeReport(results, data, { inputDirs: [input], force: true })).toThrow(/study folder/);
      expect(() => writeReport(results, join(data, "report"), { inputDirs: [input], force: true })).toThrow(/study folder/);
      expect(() => writeReport(results, join(data, ".."), { inputDirs: [input], force: true })).toThrow(/study folder/);
    }
    const link = join(scratch(), "link");
    symlinkSync(data, link);
    expect(() => writeReport(results, join(link, "report"), { inputDirs: [data] })).toThrow(/study folder/);
    expect(() => writeReport(results, link, { inputDirs: [scratch()] })).toThrow(/symbolic link/);
  });

  it("never writes through a symlink planted in the old report folder", () => {
    const out = scratch();
    writeReport(results, out);
    const elsewhere = scratch();
    rmSync(join(out, "tables"), { recursive: true });
    symlinkSync(elsewhere, join(out, "tables"));
    writeReport(results, out, { force: true });
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(lstatSync(join(out, "tables")).isDirectory()).toBe(true);
  });

  it("puts back a report displaced by a write killed between its two renames", () => {
    const parent = scratch();
    const out = join(parent, "r");
    writeReport(results, out);
    renameSync(out, join(parent, ".r.old-123"));
    mkdirSync(join(parent, ".r.tmp-abc"));
    expect(() => writeReport(results, out)).toThrow(/earlier report/);
    expect(readdirSync(parent)).toEqual(["r"]);
  });

  it("refuses an --out that is a file", () => {
    const file = join(scratch(), "f");
    writeFileSync(file, "");
    expect(() => writeReport(results, file)).toThrow(/not a folder/);
  });

  it("ReportOutputError is an input error (exit 1 without a stack)", () => {
    const out = scratch();
    mkdirSync(join(out, "x"));
    try {
      writeReport(results, out);
    } catch (error) {
      expect((error as ReportOutputError).inputError).toBe(true);
    }
  });
});

describe("golden comparison", () => {
  const golden = JSON.parse(serializeResults(results));

  it("finds no difference between identical results", () => {
    expect(compareResults(golden, JSON.parse(serializeResults(results)))).toEqual([]);
  });

  it("names the path of a number that moved, with old and new value", () => {
    const moved = JSON.parse(serializeResults(results));
    moved.reconstitution.kaplanMeier.steps[0].survival = 0.5;
    const differences = compareResults(golden, moved);
    expect(differences).toEqual([{ kind: "changed", path: "reconstitution.kaplanMeier.steps[0].survival", expected: String(golden.reconstitution.kaplanMeier.steps[0].survival), actual: "0.5" }]);
    expect(formatDifferences(differences)).toContain("reconstitution.kaplanMeier.steps[0].survival:");
  });

  it("reports added and removed rows, and ignores the toolkit version", () => {
    const moved = JSON.parse(serializeResults(results));
    moved.cohort.exclusions.push({ subject: "S9" });
    moved.methods.software.toolkitVersion = "9.9.9";
    const differences = compareResults(golden, moved);
    expect(differences).toHaveLength(1);
    expect(differences[0]).toMatchObject({ kind: "added", expected: "(absent)", actual: '{"subject":"S9"}' });
    expect(differences[0].path).toMatch(/^cohort\.exclusions\[(1|subject=S9)\]$/);
  });

  it("matches rows by their keys: one dropped row is one missing row, not every later row moved", () => {
    const expected = { rows: [1, 2, 3, 4].map((k) => ({ feature: `f${k}`, visit: "D7", estimate: k })) };
    const actual = { rows: [1, 3, 4, 5].map((k) => ({ feature: `f${k}`, visit: "D7", estimate: k === 4 ? 40 : k })) };
    const differences = compareResults(expected, actual);
    expect(differences).toEqual([
      { kind: "missing", path: "rows[feature=f2,visit=D7]", expected: '{"feature":"f2","visit":"D7","estimate":2}', actual: "(absent)" },
      { kind: "changed", path: "rows[feature=f4,visit=D7].estimate", expected: "4", actual: "40" },
      { kind: "added", path: "rows[feature=f5,visit=D7]", expected: "(absent)", actual: '{"feature":"f5","visit":"D7","estimate":5}' },
    ]);
    expect(formatDifferences(differences)).toContain("missing rows[feature=f2,visit=D7]");
  });
});

describe("golden comparison tolerance", () => {
  const golden = JSON.parse(serializeResults(results));

  it("ignores a change below 1e-6 relative and reports one above it", () => {
    const moved = JSON.parse(serializeResults(results));
    const s = golden.reconstitution.kaplanMeier.steps[0].survival as number;
    moved.reconstitution.kaplanMeier.steps[0].survival = s * (1 + 5e-7);
    expect(compareResults(golden, moved)).toEqual([]);
    moved.reconstitution.kaplanMeier.steps[0].survival = s * (1 + 2e-6);
    expect(compareResults(golden, moved).map((d) => d.path)).toEqual(["reconstitution.kaplanMeier.steps[0].survival"]);
    expect(compareResults(golden, moved, { relative: 1e-5 })).toEqual([]);
  });

  it("compares numbers near zero with the absolute tolerance", () => {
    expect(compareResults({ x: 1e-12 }, { x: -1e-12 })).toEqual([]);
    expect(compareResults({ x: 0 }, { x: 1e-9 })).toHaveLength(1);
    expect(compareResults({ x: 0 }, { x: null })).toHaveLength(1);
  });
});

describe("progress bar", () => {
  it("is not drawn when the stream is not a terminal", () => {
    expect(createProgressBar({ isTTY: false } as NodeJS.WriteStream)).toBeNull();
  });
});
