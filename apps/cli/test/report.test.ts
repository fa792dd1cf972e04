import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../src/cli.js";

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const code = await runCli(argv);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const scratch = () => mkdtempSync(join(tmpdir(), "cli-report-"));

describe("biomarker report on the bundled cohort (no --data, default plan)", () => {
  const out = join(scratch(), "report");
  let first: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    first = await run(["report", "--out", out, "--json"]);
  }, 120_000);

  it("writes index.html, report.md, results.json, CSV tables and SVG figures; --json prints one document", () => {
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const doc = JSON.parse(first.stdout) as { outDir: string; files: string[] };
    expect(doc.files).toEqual(expect.arrayContaining(["index.html", "report.md", "results.json", "tables/associations.csv", "figures/reconstitution-kaplan-meier.svg"]));
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    expect(results.study).toEqual({ name: "csle-bite-sim", simulated: true });
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain("SIMULATED DATA");
  });

  it("--check passes against its own results and exits 1 naming the number that moved", async () => {
    expect((await run(["report", "--check", out, "--quiet"])).code).toBe(0);
    const golden = scratch();
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    const before = results.reconstitution.kaplanMeier.median;
    results.reconstitution.kaplanMeier.median = before + 1;
    writeFileSync(join(golden, "results.json"), JSON.stringify(results, null, 2));
    const moved = await run(["report", "--check", golden]);
    expect(moved.code).toBe(1);
    expect(moved.stderr).toContain("1 value(s) moved");
    expect(moved.stderr).toContain(`reconstitution.kaplanMeier.median: ${before + 1} -> ${before}`);
    expect(moved.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(golden, "results.new.json"))).toBe(true);
  }, 120_000);

  it("writes again into its own earlier report folder without --force", async () => {
    expect((await run(["report", "--out", out, "--quiet"])).code).toBe(0);
  }, 120_000);
});

describe("biomarker report refuses bad input with exit 1 and no stack", () => {
  it("a non-empty folder that is not a report, without --force", async () => {
    const out = scratch();
    writeFileSync(join(out, "keep.txt"), "mine");
    const r = await run(["report", "--out", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not empty and is not an earlier report folder .* pass --force/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("an invalid plan, naming the key paths", async () => {
    const plan = join(scratch(), "plan.yaml");
    writeFileSync(plan, "version: 1\nvisits: { baseline: D0 }\nfeatureGroups: []\n");
    const r = await run(["report", "--plan", plan, "--out", join(scratch(), "o")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`plan ${plan} is invalid`);
    expect(r.stderr).toContain("visits.landmark:");
    expect(r.stderr).toContain("featureGroups: must list at least one feature group");
    expect(r.stderr).toContain("outcomes:");
  });

  it("a missing study folder", async () => {
    const r = await run(["report", "--data", join(scratch(), "nope"), "--out", join(scratch(), "o")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/does not exist/);
  });

  it("--check without a golden results.json", async () => {
    const r = await run(["report", "--check", scratch()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no results\.json there/);
  });
});
