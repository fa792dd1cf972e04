import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { restoreCliState, runCommand } from "./support/runCommand.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
interface Case {
  name: string;
  data: Record<string, (number | string)[]>;
  deviance: number;
  beta: number[];
  exactLaplace?: { deviance: number; beta: number[]; se: number[] };
}
const fixture = JSON.parse(readFileSync(join(root, "packages", "glmm", "test", "fixtures", "glmm-r.json"), "utf8")) as { cases: Case[] };
const byName = (name: string) => fixture.cases.find((c) => c.name === name) as Case;

const dir = mkdtempSync(join(tmpdir(), "glmm-"));
function csvOf(name: string, data: Record<string, (number | string)[]>): string {
  const columns = Object.keys(data);
  const lines = [columns.join(",")];
  for (let i = 0; i < data[columns[0]].length; i++) lines.push(columns.map((c) => data[c][i]).join(","));
  const file = join(dir, name);
  writeFileSync(file, lines.join("\n"));
  return file;
}

afterEach(restoreCliState);

describe("biomarker glmm", () => {
  const cbpp = byName("cbpp-laplace");
  const file = csvOf("cbpp.csv", cbpp.data);
  // period and herd are numbers in the CSV: factor(period) as in R on the numeric columns.
  it("--json prints lmm's contract plus family, link, nAGQ and deviance, matching glmer on cbpp", async () => {
    const { code, stdout } = await runCommand([
      "glmm", "--data", file, "--formula", "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)", "--family", "binomial", "--json",
    ]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc).toMatchObject({ family: "binomial", link: "logit", nAGQ: 1, nObs: 56, nGroups: { herd: 15 }, singular: false });
    expect(doc.deviance).toBeLessThanOrEqual(cbpp.deviance);
    doc.fixedEffects.forEach((f: { estimate: number; stdError: number; statistic: number; pValue: number }, j: number) => {
      expect(Math.abs(f.estimate - (cbpp.exactLaplace as { beta: number[] }).beta[j])).toBeLessThan(1e-3 * f.stdError);
      expect(f.statistic).toBeCloseTo(f.estimate / f.stdError, 12);
    });
  });
  it("--nagq 25 fits by adaptive quadrature", async () => {
    const { code, stdout } = await runCommand([
      "glmm", "--data", file, "--formula", "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)", "--family", "binomial", "--nagq", "25",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("Adaptive Gauss-Hermite Quadrature (nAGQ = 25)");
  });
  it("input errors exit 1 naming the file; unknown options exit 2", async () => {
    const bad = await runCommand(["glmm", "--data", file, "--formula", "cbind(incidence, size - incidence) ~ period + (1 | herd)", "--family", "poisson"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("cbpp.csv");
    const usage = await runCommand(["glmm", "--data", file, "--formula", "incidence ~ 1 + (1 | herd)", "--family", "poisson", "--bogus"]);
    expect(usage.code).toBe(2);
  });
});
