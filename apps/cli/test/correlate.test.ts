import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { pAdjust } from "@biomarker/multiple-testing";
import { restoreCliState, runCommand } from "./support/runCommand.js";

const dir = mkdtempSync(join(tmpdir(), "correlate-"));
const data = join(dir, "wide.csv");
writeFileSync(
  data,
  [
    "subject,visit,cd19,cd4,sledai,c3",
    "s1,0,1,5.1,1,0.9",
    "s1,1,2,4.2,2,0.8",
    "s2,0,2,3.3,3,1.1",
    "s2,1,<0.5,2.9,4,1.0",
    "s3,0,4,2.0,5,1.3",
    "s3,1,5,NA,6,1.2",
  ].join("\n"),
);

afterEach(restoreCliState);

describe("biomarker correlate", () => {
  it("--json prints one document with the contract fields; censored '<0.5' ranks at the bottom", async () => {
    const { code, stdout } = await runCommand(["correlate", "--data", data, "--x", "cd19,cd4", "--y", "sledai,c3", "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { results: Record<string, unknown>[] };
    expect(doc.results).toHaveLength(4);
    expect(Object.keys(doc.results[0])).toEqual([
      "x", "y", "method", "n", "estimate", "statistic", "pValue", "pValueMethod", "pAdjusted", "ciLower", "ciUpper", "df", "reason",
    ]);
    const first = doc.results[0];
    expect(first).toMatchObject({ x: "cd19", y: "sledai", method: "spearman", n: 6, pValueMethod: "exact-conditional", pAdjusted: null });
    // cd19 = 1, 2, 2, <0.5, 4, 5 -> mid-ranks 2, 3.5, 3.5, 1, 5, 6 against 1..6: rho = 11 / sqrt(17 * 17.5).
    expect(first.estimate as number).toBeCloseTo(11 / Math.sqrt(17 * 17.5), 14);
    expect(doc.results[2]).toMatchObject({ x: "cd4", y: "sledai", n: 5, pValueMethod: "exact" });
  });

  it("--adjust BH applies pAdjust across all pairs", async () => {
    const { stdout } = await runCommand(["correlate", "--data", data, "--x", "cd19,cd4", "--y", "sledai,c3", "--adjust", "BH", "--json"]);
    const results = (JSON.parse(stdout) as { results: { pValue: number; pAdjusted: number }[] }).results;
    const expected = pAdjust(results.map((r) => r.pValue), "BH");
    expect(results.map((r) => r.pAdjusted)).toEqual(expected);
  });

  it("rmcorr uses --subject and reports df = N - k - 1 and a CI", async () => {
    const { code, stdout } = await runCommand(["correlate", "--data", data, "--x", "cd4", "--y", "c3", "--method", "rmcorr", "--subject", "subject", "--json"]);
    expect(code).toBe(0);
    const [row] = (JSON.parse(stdout) as { results: { df: number; method: string }[] }).results;
    expect(row).toMatchObject({ method: "rmcorr", df: 5 - 3 - 1 });
  });

  it("permutation p is reproducible for a seed", async () => {
    const argv = ["correlate", "--data", data, "--x", "cd19", "--y", "sledai", "--p-value", "permutation", "--seed", "9", "--json"];
    const a = await runCommand(argv);
    const b = await runCommand(argv);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).results[0].pValueMethod).toBe("permutation");
  });

  it("prints a text table without --json", async () => {
    const { code, stdout } = await runCommand(["correlate", "--data", data, "--x", "cd19", "--y", "sledai"]);
    expect(code).toBe(0);
    expect(stdout.split("\n")[0]).toMatch(/^x\s+y\s+method\s+n\s+estimate/);
  });

  it("a missing column or a bad cell exits 1 naming file, row and column", async () => {
    const missing = await runCommand(["correlate", "--data", data, "--x", "cd8", "--y", "sledai"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("row 1: no column 'cd8'");
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "a,b\n1,2\n2,x\n3,4\n");
    const result = await runCommand(["correlate", "--data", bad, "--x", "a", "--y", "b"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("bad.csv, row 3, column 'b'");
  });

  it("skips a leading '# SIMULATED' comment line and reports the row (header = row 1) with its file line", async () => {
    const commented = join(dir, "commented.csv");
    writeFileSync(commented, "# SIMULATED data\na,b\n1,2\n2,3\n3,oops\n");
    const result = await runCommand(["correlate", "--data", commented, "--x", "a", "--y", "b"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("commented.csv, row 4 (line 5), column 'b'");
  });
});

describe("biomarker correlate --method within", () => {
  const fixture = JSON.parse(readFileSync(new URL("../../../packages/correlation/test/fixtures/within-r.json", import.meta.url), "utf8")) as {
    cases: { name: string; subject: string[]; visit: string[]; x: (number | null)[]; y: (number | null)[]; satterthwaite: Record<string, number>; kenwardRoger: Record<string, number> }[];
  };
  const c = fixture.cases.find((k) => k.name === "sim 6x10 missing rows")!;
  const wide = join(dir, "within.csv");
  writeFileSync(wide, ["subject,visit,f1,f2,outcome", ...c.subject.map((s, i) => `${s},${c.visit[i]},${c.x[i] ?? "NA"},${c.y[i] ?? "NA"},${c.y[i] ?? "NA"}`)].join("\n"));

  it("prints the within slope with stdError, df and pValue equal to lmerTest's, adjusted by --adjust", async () => {
    const argv = ["correlate", "--data", wide, "-x", "f1,f2", "-y", "outcome", "--method", "within", "--subject", "subject", "--visit", "visit", "--adjust", "BH", "--json"];
    const { code, stdout } = await runCommand(argv);
    expect(code).toBe(0);
    const results = (JSON.parse(stdout) as { results: Record<string, number | string | null>[] }).results;
    expect(results).toHaveLength(2);
    const row = results[0];
    expect(row).toMatchObject({ x: "f1", y: "outcome", method: "within", n: 51, pValueMethod: "satterthwaite" });
    expect(Math.abs((row.estimate as number) - c.satterthwaite.estimate)).toBeLessThan(1e-7 * c.satterthwaite.stdError);
    expect(row.stdError as number).toBeCloseTo(c.satterthwaite.stdError, 8);
    expect(row.df as number).toBeCloseTo(c.satterthwaite.df, 5);
    expect(row.pValue as number).toBeCloseTo(c.satterthwaite.pValue, 8);
    expect(results.map((r) => r.pAdjusted)).toEqual(pAdjust(results.map((r) => r.pValue as number | null), "BH"));
  });

  it("--ddf kenward-roger gives pbkrtest's df", async () => {
    const argv = ["correlate", "--data", wide, "--x", "f1", "--y", "outcome", "--method", "within", "--subject", "subject", "--visit", "visit", "--ddf", "kenward-roger", "--json"];
    const [row] = (JSON.parse((await runCommand(argv)).stdout) as { results: Record<string, number>[] }).results;
    expect(row.df).toBeCloseTo(c.kenwardRoger.df, 5);
  });

  it("without --visit, or --ddf with another method, exits 1", async () => {
    const noVisit = await runCommand(["correlate", "--data", wide, "--x", "f1", "--y", "outcome", "--method", "within", "--subject", "subject"]);
    expect(noVisit.code).toBe(1);
    expect(noVisit.stderr).toMatch(/--visit/);
    const ddf = await runCommand(["correlate", "--data", wide, "--x", "f1", "--y", "outcome", "--ddf", "kenward-roger"]);
    expect(ddf.code).toBe(1);
  });
});
