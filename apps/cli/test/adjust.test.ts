import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { pAdjust, qvalue } from "@biomarker/multiple-testing";
import { restoreCliState, runCommand } from "./support/runCommand.js";

const dir = mkdtempSync(join(tmpdir(), "adjust-"));
const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const pValues = [0.01, 0.04, null, 0.03, 0.5, 0.002];
const plain = write("p.txt", "0.01\n0.04\nNA\n0.03\n0.5\n2e-3\n");

afterEach(restoreCliState);

describe("biomarker adjust", () => {
  for (const method of ["holm", "hochberg", "hommel", "bonferroni", "BH", "BY", "none"] as const) {
    it(`--method ${method} prints one adjusted value per line in input order, NA kept`, async () => {
      const { code, stdout, stderr } = await runCommand(["adjust", "--method", method, plain]);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      const expected = pAdjust(pValues, method).map((v) => (v === null ? "NA" : String(v)));
      expect(stdout).toBe(`${expected.join("\n")}\n`);
    });
  }

  it("--json prints { method, adjusted, pi0 } with pi0 null for p.adjust methods", async () => {
    const { code, stdout } = await runCommand(["adjust", "--method", "BH", plain, "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ method: "BH", adjusted: pAdjust(pValues, "BH"), pi0: null });
  });

  it("--method qvalue reports Storey's pi0 and the q-values", async () => {
    const many = Array.from({ length: 200 }, (_, i) => ((i * 37) % 200) / 200 + 0.001);
    const file = write("many.txt", many.join("\n"));
    const { code, stdout } = await runCommand(["adjust", "--method", "qvalue", file, "--json"]);
    expect(code).toBe(0);
    const expected = qvalue(many);
    expect(JSON.parse(stdout)).toEqual({ method: "qvalue", adjusted: expected.qvalues, pi0: expected.pi0 });
  });

  it("--method dbh takes JSON tests with supports and prints the DBH step-down adjusted p-values", async () => {
    // Hand-worked: xi_SD(0.05) = 1/19, xi_SD(0.2) = 0.2/0.8 + 1/19 = 23/76 -> adjusted (23/152, 1/19).
    const file = write("tests.json", JSON.stringify([{ pValue: 0.2, support: [0.2, 1] }, { pValue: 0.05, support: [0.05, 0.3, 1] }]));
    const { code, stdout } = await runCommand(["adjust", "--method", "dbh", file, "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { method: string; adjusted: number[]; pi0: null };
    expect(doc.method).toBe("dbh");
    expect(doc.pi0).toBeNull();
    expect(doc.adjusted[0]).toBeCloseTo(23 / 152, 15);
    expect(doc.adjusted[1]).toBeCloseTo(1 / 19, 15);
  });

  it("--method dbh on a plain list exits 1 explaining that supports are needed", async () => {
    const { code, stdout, stderr } = await runCommand(["adjust", "--method", "dbh", plain]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain(`${plain}: --method dbh needs each test's null support`);
    expect(stderr).not.toContain("    at ");
  });

  it("a non-numeric line exits 1 naming the file and line", async () => {
    const bad = write("bad.txt", "0.1\n0.2\nabc\n");
    const { code, stderr } = await runCommand(["adjust", "--method", "holm", bad]);
    expect(code).toBe(1);
    expect(stderr).toBe(`biomarker: ${bad}, line 3: 'abc' is not a number or NA\n`);
  });

  it("a p-value outside [0, 1] exits 1 naming the file and line", async () => {
    const bad = write("range.txt", "0.1\n1.2\n");
    const { code, stderr } = await runCommand(["adjust", "--method", "BH", bad]);
    expect(code).toBe(1);
    expect(stderr).toBe(`biomarker: ${bad}, line 2: p-value 1.2 is outside [0, 1]\n`);
  });

  it("a missing file exits 1 naming it; an unknown method is a usage error (exit 2) naming the choices", async () => {
    const missing = await runCommand(["adjust", "--method", "BH", join(dir, "nope.txt")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("nope.txt: cannot read (ENOENT)");
    const unknown = await runCommand(["adjust", "--method", "sidac", plain]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Given: "sidac", Choices: "holm", "hochberg", "hommel", "bonferroni", "BH", "BY", "none", "sidak", "holm-sidak", "qvalue", "dbh"');
  });

  it("reads stdin with '-' (the built launcher, as a user runs it)", () => {
    const launcher = join(__dirname, "..", "bin", "biomarker.js");
    const result = spawnSync(process.execPath, [launcher, "adjust", "--method", "bonferroni", "-"], {
      input: "0.01\nNA\n0.2\n",
      encoding: "utf8",
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("0.02\nNA\n0.4\n");
  });
});
