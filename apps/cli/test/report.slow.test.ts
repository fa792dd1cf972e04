import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { scoreBiomarkers } from "@biomarker/bootstrap";
import { changeFromBaselineCorrelation, repeatedMeasuresCorrelation } from "@biomarker/correlation";
import { fitLmm, lmmInference } from "@biomarker/lmm";
import { readStudy, type Study } from "@biomarker/schema";
import { restoreCliState, runCommand } from "./support/runCommand.js";

const run = runCommand;
afterEach(restoreCliState);

const scratch = () => mkdtempSync(join(tmpdir(), "cli-report-"));

describe("biomarker report on the bundled cohort (no --data, default plan)", () => {
  const out = join(scratch(), "report");
  let first: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    first = await run(["report", "--out", out, "--json"]);
  });

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
    expect(moved.stderr).toContain("1 difference(s)");
    expect(moved.stderr).toContain(`reconstitution.kaplanMeier.median: ${before + 1} -> ${before}`);
    expect(moved.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(golden)).toEqual(["results.json"]);
  });

  it("replaces its own earlier report folder with --force only", async () => {
    const again = await run(["report", "--out", out, "--quiet"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("holds an earlier report; pass --force to replace it");
    expect((await run(["report", "--out", out, "--quiet", "--force"])).code).toBe(0);
  });
});

describe("biomarker report refuses bad input with exit 1 and no stack", () => {
  it("a non-empty folder that is not a report, even with --force", async () => {
    const out = scratch();
    writeFileSync(join(out, "keep.txt"), "mine");
    const r = await run(["report", "--out", out, "--force"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not empty and holds no report/);
    expect(readdirSync(out)).toEqual(["keep.txt"]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("an invalid plan, naming the key paths", async () => {
    const plan = join(scratch(), "plan.yaml");
    writeFileSync(plan, "version: 1\nvisits: { baseline: D0 }\nfeatureGroups: []\n");
    const out = join(scratch(), "o");
    const r = await run(["report", "--plan", plan, "--out", out]);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(r.stderr).toContain(`plan ${plan} is invalid`);
    expect(r.stderr).toContain("visits.landmark:");
    expect(r.stderr).toContain("featureGroups: must list at least one feature group");
    // outcomes, clinical and reconstitution are optional (a plan for any study).
    expect(r.stderr).not.toContain("outcomes:");
  });

  it("a --seed that is not an integer in [0, 2^32)", async () => {
    const r = await run(["report", "--seed", "-3", "--out", join(scratch(), "o")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("plan with --seed is invalid:\n  seed:");
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

describe("as a new user: simulate --seed 7, edit the default plan's landmark, run the report", () => {
  const dir = scratch();
  const data = join(dir, "study");
  const out = join(dir, "report");
  const planFile = join(dir, "plan.yaml");
  let results: ResultsJson;
  let study: Study;

  beforeAll(async () => {
    expect((await run(["simulate", "--seed", "7", "--out", data])).code).toBe(0);
    const printed = await run(["report", "--print-plan"]);
    expect(printed.code).toBe(0);
    const edited = printed.stdout.replace("landmark: D28", "landmark: D56");
    expect(edited).not.toBe(printed.stdout);
    writeFileSync(planFile, edited);
    const r = await run(["report", "--data", data, "--plan", planFile, "--out", out, "--quiet"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    results = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as ResultsJson;
    study = readStudy(data);
  });

  /** results.json keeps 10 significant digits. */
  const close = (actual: number | null, expected: number | null) => {
    if (expected === null || actual === null) return expect(actual).toBe(expected);
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  };
  const key = (m: { subject: string; visit: string }) => `${m.subject}\u0000${m.visit}`;
  /** The plan's log10 transform with censored values at half their limit (plan censoring: half-lloq). */
  const linear = (m: Study["measurements"][number]) => (m.censored ? Math.log10((m.limit as number) / 2) : m.value === null ? null : Math.log10(m.value));

  it("the report uses the edited landmark and the simulated study", () => {
    expect(results.associations.landmark).toBe("D56");
    expect(results.biomarkers.landmark).toBe("D56");
    expect(results.study.simulated).toBe(true);
  });

  it("change-from-baseline Spearman at D56 and rmcorr equal direct @biomarker/correlation calls", () => {
    for (const feature of ["t_cells_count", "cd4_count", "nk_cells_count"]) {
      const x = new Map(study.measurements.filter((m) => m.feature === feature).map((m) => [key(m), m]));
      const y = study.measurements.filter((m) => m.feature === "sledai2k" && x.has(key(m)));
      const xs = y.map((m) => x.get(key(m))!);
      const change = changeFromBaselineCorrelation(
        {
          subject: xs.map((m) => m.subject),
          visit: xs.map((m) => m.visit),
          x: xs.map((m) => (m.value === null ? null : Math.log10(m.value))),
          y: y.map((m) => m.value),
          censoredX: xs.map((m) => m.censored === "<"),
          censoredY: y.map((m) => m.censored === "<"),
        },
        { baselineVisit: "D0", visit: "D56", method: "spearman" },
      ).result;
      const row = results.associations.rows.find((r) => r.feature === feature && r.outcome === "sledai2k" && r.method === "spearman-change")!;
      expect(row.n).toBe(change.n);
      close(row.estimate, change.estimate);
      close(row.pValue, change.pValue);
      const rm = repeatedMeasuresCorrelation(xs.map((m) => m.subject), xs.map(linear), y.map((m) => m.value));
      const rmRow = results.associations.rows.find((r) => r.feature === feature && r.outcome === "sledai2k" && r.method === "rmcorr")!;
      close(rmRow.estimate, rm.estimate);
      close(rmRow.pValue, rm.pValue);
      close(rmRow.lower, rm.ciLower);
    }
  });

  it("the LMM change from baseline at D56 equals a direct fitLmm of the plan's formula", () => {
    for (const feature of ["b_cells_count", "cd8_count"]) {
      const ms = study.measurements.filter((m) => m.feature === feature && linear(m) !== null);
      const fit = fitLmm(
        { value: ms.map(linear), visit: ms.map((m) => m.visit), subject: ms.map((m) => m.subject) },
        "value ~ visit + (1 | subject)",
        { levels: { visit: ["D0", ...[...new Set(ms.map((m) => m.visit))].filter((v) => v !== "D0")] } },
      );
      const direct = fit.fixedEffects.find((f) => f.term === "visitD56")!;
      const contrast = results.immuneDynamics.features.find((f) => f.feature === feature)!.fit!.contrasts.find((c) => c.visit === "D56")!;
      close(contrast.estimate, direct.estimate);
      // Kenward-Roger df and interval of the D56 - D0 contrast, from lmm's emmeans-style inference.
      const kr = lmmInference(fit, { ddf: "kenward-roger", emmeans: "visit", contrast: "baseline", ci: "none", level: 0.95 });
      const krContrast = kr.emmeans!.contrasts.find((c) => c.contrast === "D56 - D0")!;
      close(contrast.df, krContrast.df);
      close(contrast.lower, krContrast.lower);
      close(contrast.upper, krContrast.upper);
      close(contrast.pValue, krContrast.pValue);
      expect(contrast.df).toBeGreaterThan(0);
    }
  });

  it("the biomarker ranking equals a direct scoreBiomarkers call with the D56 landmark", () => {
    const features = results.immuneDynamics.features.map((f) => f.feature);
    const measurements = study.measurements
      .filter((m) => features.includes(m.feature) || m.feature === "sledai2k")
      .map((m) => ({ subject: m.subject, visit: m.visit, day: m.day, feature: m.feature, value: m.feature === "sledai2k" ? m.value : linear(m) }));
    const direct = scoreBiomarkers(measurements, { outcome: "sledai2k", features, landmark: "D56", seed: results.seed, replicates: "auto", conf: 0.95, topK: 5 });
    expect(results.biomarkers.rows.map((r) => r.feature)).toEqual(direct.features.map((f) => f.feature));
    results.biomarkers.rows.forEach((r, i) => {
      close(r.score, direct.features[i].score);
      close(r.changeEstimate, direct.features[i].change.estimate);
    });
  });
});

interface ResultsJson {
  seed: number;
  study: { simulated: boolean };
  associations: { landmark: string; rows: { feature: string; outcome: string; method: string; n: number; estimate: number | null; pValue: number | null; lower: number | null }[] };
  biomarkers: { landmark: string; rows: { feature: string; score: number; changeEstimate: number | null }[] };
  immuneDynamics: { features: { feature: string; fit: { contrasts: { visit: string; estimate: number; df: number | null; lower: number | null; upper: number | null; pValue: number | null }[] } | null }[] };
}

describe("biomarker report --print-plan --data (a starter plan for any study)", () => {
  it("prints a plan for datasets/examples/theoph that report runs as it is, hours on the time axis", async () => {
    const dir = scratch();
    const theoph = new URL("../../../datasets/examples/theoph", import.meta.url).pathname;
    const printed = await run(["report", "--print-plan", "--data", theoph]);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain("baseline: H0");
    expect(printed.stdout).toContain("timeUnit: h");
    expect(printed.stdout).toContain("Subject columns usable in formulas: sex, age, weight_kg, dose_mg_kg");
    writeFileSync(join(dir, "plan.yaml"), printed.stdout);
    const r = await run(["report", "--data", theoph, "--plan", join(dir, "plan.yaml"), "--out", join(dir, "report"), "--quiet"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const figure = readdirSync(join(dir, "report", "figures")).find((f) => f.startsWith("dynamics-1-"))!;
    expect(readFileSync(join(dir, "report", "figures", figure), "utf8")).toContain("Time since first dose (hours)");
  });
});
