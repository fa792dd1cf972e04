import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { outcomeDefiningFeatures, readStudy } from "@biomarker/schema";
import { scoreStudy } from "@biomarker/scoring";
import { restoreCliState, runCommand } from "./support/runCommand.js";

const cohort = join(fileURLToPath(new URL("../../..", import.meta.url)), "datasets", "csle-bite-sim");

afterEach(restoreCliState);

describe("biomarker score", () => {
  it("--json ranks the bundled cohort's features against SLEDAI-2K with every component, exactly as scoreStudy", async () => {
    const { code, stdout, stderr } = await runCommand(["score", "--data", cohort, "--json"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.outcome).toBe("sledai2k");
    expect(doc.simulated).toBe(true);
    expect(doc.exact).toBe(true);
    expect(doc.replicates).toBe(462);
    const first = doc.features[0];
    for (const key of ["rank", "feature", "score", "components", "rmcorr", "change", "stability", "leaveOneOut", "direction"]) {
      expect(first).toHaveProperty(key);
    }
    expect(doc.features.map((f: { rank: number }) => f.rank)).toEqual(doc.features.map((_: unknown, k: number) => k + 1));
    // no clinical score and no variable that defines the SLEDAI-2K is a candidate; the landmark is the report's
    expect(doc.landmark).toBe("D28");
    expect(doc.excluded).toEqual(expect.arrayContaining(["c3", "c4", "anti_dsdna", "upcr"]));
    expect(doc.features.some((f: { feature: string }) => ["c3", "c4", "anti_dsdna", "upcr"].includes(f.feature))).toBe(false);
    expect(doc.features.some((f: { feature: string }) => ["sledai2k", "clinical_sledai", "pga", "prednisone"].includes(f.feature))).toBe(false);
    expect(doc).toEqual(JSON.parse(JSON.stringify(scoreStudy(readStudy(cohort), { outcome: "sledai2k", landmark: "D28", exclude: outcomeDefiningFeatures("sledai2k"), replicates: "auto", seed: 1, conf: 0.95, topK: 5 }))));
  });

  it("--outcome C3 with --features and Monte Carlo --replicates; text output names the outcome", async () => {
    const { code, stdout } = await runCommand(["score", "--data", cohort, "--outcome", "C3", "--features", "c4,anti_dsdna", "--replicates", "300", "--seed", "4"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/SIMULATED data\. Biomarker scores against c3/);
    expect(stdout).toMatch(/300 subject resamples, seed 4/);
    expect(stdout).toMatch(/excluded from the candidates: none/);
    expect(stdout.trim().split("\n")).toHaveLength(5 + 2);
  });

  it("an unknown outcome exits 1 with a message", async () => {
    const { code, stderr } = await runCommand(["score", "--data", cohort, "--outcome", "ESR"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/outcome 'ESR' is not a feature/);
  });
});
