import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { restoreCliState, runCommand } from "./support/runCommand.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const fixtureDir = join(root, "packages", "lmm", "test", "fixtures");
const cohort = join(fixtureDir, "structured-cohort.csv");
const reference = JSON.parse(readFileSync(join(fixtureDir, "structured-r.json"), "utf8")) as {
  models: { name: string; logLik: number; estimate: number[]; stdError: number[]; dfBetweenWithin: number[]; correlationParameters?: Record<string, number>; varianceParameters?: Record<string, number> }[];
  lmer: { name: string; stdError: number[]; df: number[] }[];
};
const model = (name: string) => reference.models.find((m) => m.name === name)!;
const formula = "value ~ visit + (1 | subject)";

afterEach(restoreCliState);

describe("biomarker lmm with residual structures and CR2", () => {
  it("--correlation corCAR1 --json adds correlationStructure and matches nlme's logLik and Phi", async () => {
    const { code, stdout } = await runCommand(["lmm", "--data", cohort, "--formula", formula, "--correlation", "corCAR1(~ day | subject)", "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    const ref = model("cohort_car1_reml");
    expect(Math.abs(doc.logLik - ref.logLik)).toBeLessThan(1e-5);
    expect(doc.correlationStructure.type).toBe("corCAR1");
    expect(Math.abs(doc.correlationStructure.parameters.Phi / ref.correlationParameters!.Phi - 1)).toBeLessThan(1e-3);
    expect(doc.varianceFunction).toBeNull();
  });

  it("--weights varIdent --ddf between-within gives nlme's SD ratios and containment df", async () => {
    const { code, stdout } = await runCommand([
      "lmm", "--data", cohort, "--formula", formula, "--weights", "varIdent(~ 1 | visit)", "--ddf", "between-within", "--json",
    ]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    const ref = model("cohort_varident_reml");
    expect(Object.keys(doc.varianceFunction.parameters)).toEqual(Object.keys(ref.varianceParameters!));
    expect(doc.fixedEffects.map((f: { df: number }) => f.df)).toEqual(ref.dfBetweenWithin);
  });

  it("--vcov CR2 --ddf satterthwaite equals clubSandwich's coef_test on the lmer fit", async () => {
    const { code, stdout } = await runCommand(["lmm", "--data", cohort, "--formula", formula, "--vcov", "CR2", "--ddf", "satterthwaite", "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    const ref = reference.lmer.find((m) => m.name === "cohort_lmer_ri")!;
    expect(doc.vcov).toEqual({ type: "CR2", cluster: "subject", nClusters: 6, test: "Satterthwaite" });
    doc.fixedEffects.forEach((f: { stdError: number; df: number }, j: number) => {
      expect(Math.abs(f.stdError / ref.stdError[j] - 1)).toBeLessThan(1e-6);
      expect(Math.abs(f.df / ref.df[j] - 1)).toBeLessThan(1e-4);
    });
  });

  it("the text output names the structure and the robust covariance", async () => {
    const { code, stdout } = await runCommand([
      "lmm", "--data", cohort, "--formula", formula, "--correlation", "corAR1(~ 1 | subject)", "--vcov", "CR2", "--ddf", "satterthwaite",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("Correlation structure: corAR1(~ 1 | subject)");
    expect(stdout).toContain("Standard errors: CR2 cluster-robust (clusters: subject, 6)");
  });

  for (const [label, extra, message] of [
    ["an unknown structure", ["--correlation", "corGaus(~ day | subject)"], /corCAR1/],
    ["--cluster without --vcov CR2", ["--cluster", "subject"], /--cluster needs --vcov CR2/],
    ["--vcov CR2 with Kenward-Roger df", ["--vcov", "CR2", "--ddf", "kenward-roger"], /--vcov CR2 takes --ddf satterthwaite/],
    ["a structure with --by", ["--correlation", "corCAR1(~ day | subject)", "--by", "visit"], /single fit/],
  ] as const) {
    it(`${label} exits 1 with a message and no stack`, async () => {
      const { code, stderr } = await runCommand(["lmm", "--data", cohort, "--formula", formula, ...extra]);
      expect(code).toBe(1);
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/\n\s+at /);
    });
  }
});
