import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
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

  it("accepts an empty folder and an earlier report folder", () => {
    const out = scratch();
    writeReport(results, out);
    writeFileSync(join(out, "notes.txt"), "mine");
    expect(() => writeReport(results, out)).not.toThrow();
  });

  it("refuses a non-empty folder that is not a report, unless forced", () => {
    const out = scratch();
    writeFileSync(join(out, "thesis.docx"), "precious");
    expect(() => writeReport(results, out)).toThrow(ReportOutputError);
    expect(() => writeReport(results, out)).toThrow(/not empty and is not an earlier report folder/);
    expect(existsSync(join(out, "index.html"))).toBe(false);
    writeReport(results, out, { force: true });
    expect(readFileSync(join(out, "thesis.docx"), "utf8")).toBe("precious");
  });

  it("refuses the input folder and folders inside it unless forced", () => {
    const data = scratch();
    writeFileSync(join(data, reportMarkerFile), "");
    expect(() => writeReport(results, data, { inputDirs: [data] })).toThrow(/input folder/);
    expect(() => writeReport(results, join(data, "report"), { inputDirs: [data] })).toThrow(/input folder/);
    expect(() => writeReport(results, join(data, "report"), { inputDirs: [data], force: true })).not.toThrow();
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
    expect(differences).toEqual([{ path: "reconstitution.kaplanMeier.steps[0].survival", expected: String(golden.reconstitution.kaplanMeier.steps[0].survival), actual: "0.5" }]);
    expect(formatDifferences(differences)).toContain("reconstitution.kaplanMeier.steps[0].survival:");
  });

  it("reports added and removed rows, and ignores the toolkit version", () => {
    const moved = JSON.parse(serializeResults(results));
    moved.cohort.exclusions.push({ subject: "S9" });
    moved.methods.software.toolkitVersion = "9.9.9";
    const differences = compareResults(golden, moved);
    expect(differences).toEqual([{ path: "cohort.exclusions[1]", expected: "(absent)", actual: '{"subject":"S9"}' }]);
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
