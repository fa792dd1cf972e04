import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { restoreCliState, runCommand } from "./support/runCommand.js";

const bundled = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "datasets", "csle-bite-sim");

afterEach(restoreCliState);

describe("biomarker simulate", () => {
  it("--seed 20260314 writes the bundled datasets/csle-bite-sim byte for byte", async () => {
    const out = mkdtempSync(join(tmpdir(), "simulate-"));
    const { code, stdout } = await runCommand(["simulate", "--out", out, "--seed", "20260314"]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      `Wrote a SIMULATED study to ${out}: 6 subjects, 89 features, 5086 measurements (seed 20260314).\n`
    );
    for (const f of readdirSync(out))
      expect(readFileSync(join(out, f), "utf8"), f).toBe(readFileSync(join(bundled, f), "utf8"));
  });

  it("honours --subjects and --features and reports with --json; the result validates", async () => {
    const out = mkdtempSync(join(tmpdir(), "simulate-"));
    const { code, stdout } = await runCommand([
      "simulate",
      "--out",
      out,
      "--seed",
      "7",
      "--subjects",
      "3",
      "--features",
      "10",
      "--json",
    ]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc).toMatchObject({ seed: 7, subjects: 3, flowPopulations: 10 });
    const check = await runCommand(["validate", "--data", out, "--json"]);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({
      subjects: 3,
      simulated: true,
      featuresByKind: { frequency: 10, count: 11 },
    });
  });

  it("rejects a non-integer seed as bad input (exit 1, no stack) and a missing --seed as a usage error", async () => {
    const bad = await runCommand(["simulate", "--out", "x", "--seed", "1.5"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe("biomarker: seed must be an integer, got 1.5\n");
    expect((await runCommand(["simulate", "--out", "x"])).code).toBe(2);
  });
});
