import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bootstrapTable } from "@biomarker/bootstrap";
import { restoreCliState, runCommand } from "./support/runCommand.js";

const dir = mkdtempSync(join(tmpdir(), "bootstrap-"));
const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const LSAT = [576, 635, 558, 578, 666, 580, 555, 661, 651, 605, 653, 575, 545, 572, 594];
const GPA = [3.39, 3.3, 2.81, 3.03, 3.44, 3.07, 3.0, 3.43, 3.36, 3.13, 3.12, 2.74, 2.76, 2.88, 2.96];
const law = write("law.csv", ["school,LSAT,GPA", ...LSAT.map((l, i) => `${i + 1},${l},${GPA[i]}`)].join("\n"));
const six = write("six.csv", "subject,value\na,1\nb,2\nc,3\nd,4\ne,5\nf,6\n");
const visits = write(
  "visits.tsv",
  ["subject\tday\tvalue", "s1\t0\t1.5", "s1\t7\t2.5", "s2\t0\t0.5", "s2\t7\t", "s3\t0\t4", "s3\t7\t3", "s4\t0\t2", "s4\t7\t2.2"].join("\n"),
);
const bad = write("bad.csv", "subject,value\na,1\nb,two\nc,3\n");

afterEach(restoreCliState);

describe("biomarker bootstrap", () => {
  it("--json prints the documented document: law-school Pearson r = 0.7763744913 with six intervals on the Fisher z scale, the default marked", async () => {
    const { code, stdout, stderr } = await runCommand(["bootstrap", "--data", law, "--statistic", "pearson", "--x", "LSAT", "--y", "GPA", "--replicates", "2000", "--seed", "5", "--json"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    for (const key of ["statistic", "estimate", "replicates", "exact", "mean", "stdError", "bias", "intervals", "undefinedResamples"]) {
      expect(doc).toHaveProperty(key);
    }
    expect(doc.statistic).toBe("pearson");
    expect(Math.abs(doc.estimate - 0.7763744913)).toBeLessThan(1e-10);
    expect(doc.replicates).toBe(2000);
    expect(doc.exact).toBe(false);
    expect(Object.keys(doc.intervals)).toEqual(["percentile", "basic", "normal", "bca", "studentized", "jackknifeT"]);
    expect(doc.scale).toBe("fisher-z");
    expect(doc.defaultInterval.method).toBe("bca");
    expect(doc.exactMeans).toMatch(/coverage of the intervals is not exact/);
    expect(Math.abs(doc.jackknife.stdError - 0.1425186)).toBeLessThan(1e-7);
  });

  it("prints exactly what the package function returns (the CLI does no statistics)", async () => {
    const { stdout } = await runCommand(["bootstrap", "--data", law, "--statistic", "spearman", "--x", "LSAT", "--y", "GPA", "--replicates", "500", "--seed", "9", "--json"]);
    const expected = bootstrapTable({ LSAT, GPA }, { statistic: "spearman", x: "LSAT", y: "GPA", replicates: 500, seed: 9 });
    expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it("enumerates exactly at n = 6: 462 resamples, SE of the mean sqrt(35/72)", async () => {
    const { code, stdout } = await runCommand(["bootstrap", "--data", six, "--statistic", "mean", "--x", "value", "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.exact).toBe(true);
    expect(doc.replicates).toBe(462);
    expect(Math.abs(doc.stdError - Math.sqrt(35 / 72))).toBeLessThan(1e-12);
    expect(doc.seed).toBeNull();
  });

  it("--replicates exact with --cluster resamples subjects of a TSV; rows with a missing value are dropped and listed", async () => {
    const { code, stdout } = await runCommand(["bootstrap", "--data", visits, "--statistic", "mean", "--x", "value", "--cluster", "subject", "--replicates", "exact", "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.resampling).toBe("subject");
    expect(doc.units).toBe(4);
    expect(doc.replicates).toBe(35);
    expect(doc.droppedRows).toEqual([5]);
    expect(doc.jackknife.units.map((u: { unit: string }) => u.unit)).toEqual(["s1", "s2", "s3", "s4"]);
  });

  it("prints a readable summary without --json", async () => {
    const { code, stdout } = await runCommand(["bootstrap", "--data", six, "--statistic", "median", "--x", "value"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/exact: all 462 distinct resamples enumerated \(no Monte Carlo error; the intervals' coverage is not exact\)/);
    expect(stdout).toMatch(/percentile/);
    expect(stdout).toMatch(/^ \*studentized/m);
    expect(stdout).toMatch(/measured coverage of the nominal 95% interval at n = 6: 94\.3% for a normal mean/);
  });

  it("a non-numeric cell exits 1 naming file, row and column", async () => {
    const { code, stderr } = await runCommand(["bootstrap", "--data", bad, "--statistic", "mean", "--x", "value"]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${bad}, row 3, column 'value': 'two' is not a number`);
    expect(stderr).not.toMatch(/at .*\.ts/);
  });

  it("a missing column, a missing y, a bad --replicates, an unknown statistic and an absent file are refused with a message", async () => {
    expect((await runCommand(["bootstrap", "--data", six, "--statistic", "mean", "--x", "nope"])).stderr).toMatch(/row 1: no column 'nope'/);
    expect((await runCommand(["bootstrap", "--data", six, "--statistic", "pearson", "--x", "value"])).code).toBe(1);
    expect((await runCommand(["bootstrap", "--data", six, "--statistic", "mean", "--x", "value", "--replicates", "many"])).code).toBe(1);
    const unknown = await runCommand(["bootstrap", "--data", six, "--statistic", "mode", "--x", "value"]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/mode/);
    expect((await runCommand(["bootstrap", "--data", join(dir, "absent.csv"), "--statistic", "mean", "--x", "value"])).code).toBe(1);
  });
});
