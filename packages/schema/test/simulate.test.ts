import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SLEDAI2K_DESCRIPTORS, SimulationOptionsError, simulateCohort, writeStudyFolder } from "../src/index.js";

const bundled = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "datasets", "csle-bite-sim");
const BUNDLED_SEED = 20260314;
const SCHEDULE = [-7, 0, 3, 7, 14, 21, 28, 56, 84, 168, 364];

describe("simulateCohort", () => {
  const cohort = simulateCohort({ seed: BUNDLED_SEED });
  const { study, groundTruth } = cohort;
  const values = (feature: string) => study.measurements.filter((m) => m.feature === feature);

  it("is deterministic in the seed and differs between seeds", () => {
    expect(JSON.stringify(simulateCohort({ seed: BUNDLED_SEED }))).toBe(JSON.stringify(cohort));
    expect(JSON.stringify(simulateCohort({ seed: BUNDLED_SEED + 1 }).parts.measurements)).not.toBe(
      JSON.stringify(cohort.parts.measurements)
    );
  });

  it("writes exactly the bundled datasets/csle-bite-sim files for seed 20260314", () => {
    const dir = mkdtempSync(join(tmpdir(), "sim-"));
    writeStudyFolder(dir, cohort);
    const written = readdirSync(dir).sort();
    expect(written).toEqual(
      readdirSync(bundled)
        .filter((f) => f !== "README.md")
        .sort()
    );
    for (const f of written) expect(readFileSync(join(dir, f), "utf8"), f).toBe(readFileSync(join(bundled, f), "utf8"));
  });

  it("has 6 subjects with string ids aged 5-17 and is labelled SIMULATED", () => {
    expect(study.subjects.map((s) => s.id)).toEqual(["001", "002", "003", "004", "005", "006"]);
    for (const s of study.subjects) expect(s.ageAtFirstDose).toBeGreaterThanOrEqual(5);
    for (const s of study.subjects) expect(s.ageAtFirstDose).toBeLessThanOrEqual(17);
    expect(study.simulated).toBe(true);
    expect(groundTruth.simulated).toBe(true);
  });

  it("follows the visit schedule with D0 always on day 0 and a few missed visits", () => {
    const labels = new Set(study.samples.map((s) => s.visit));
    expect(labels.size).toBe(SCHEDULE.length);
    for (const s of study.samples) {
      const v = study.visits.find((x) => x.label === s.visit)!;
      expect(s.day).toBeGreaterThanOrEqual(v.window![0]);
      expect(s.day).toBeLessThanOrEqual(v.window![1]);
      if (s.visit === "D0") expect(s.day).toBe(0);
    }
    expect(study.samples.filter((s) => s.visit === "D0")).toHaveLength(6);
    const missed = 6 * SCHEDULE.length - study.samples.length;
    expect(missed).toBeGreaterThan(0);
    expect(missed).toBeLessThanOrEqual(10);
  });

  it("reports 40 flow populations as % of parent and absolute count", () => {
    expect(study.features.filter((f) => f.kind === "frequency")).toHaveLength(40);
    expect(study.features.filter((f) => f.kind === "count")).toHaveLength(41);
    expect(study.features.find((f) => f.id === "plasmablasts_pct")!.gatePath).toBe(
      "Leukocytes/Lymphocytes/CD19+ B cells/plasmablasts (CD27hiCD38hi)"
    );
  });

  it("depletes B cells below the LLOQ from D3 to D28 and keeps them quantifiable before dosing", () => {
    for (const m of values("b_cells_count")) {
      if (m.day <= 0) expect(m.censored).toBeNull();
      if (m.day >= 3 && m.day <= 31) expect([m.censored, m.limit, m.value]).toEqual(["<", 1, null]);
    }
  });

  it("reconstitutes B cells with a naive-dominant phenotype", () => {
    const naive = values("b_naive_pct").filter((m) => m.value !== null);
    for (const s of study.subjects) {
      const pre = naive.filter((m) => m.subject === s.id && m.day <= 0).map((m) => m.value!);
      const late = naive.filter((m) => m.subject === s.id && m.day >= 56).map((m) => m.value!);
      if (late.length === 0) continue;
      expect(Math.min(...late)).toBeGreaterThan(Math.max(...pre));
      expect(Math.min(...late)).toBeGreaterThan(65);
    }
  });

  it("scores SLEDAI-2K as the weighted descriptor sum (hand-listed weights)", () => {
    const weights = [8, 8, 8, 8, 8, 8, 8, 8, 4, 4, 4, 4, 4, 4, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1];
    for (const c of study.clinical) {
      const descriptors = c.descriptors!;
      const total = SLEDAI2K_DESCRIPTORS.reduce((s, d, k) => s + (descriptors[d] ? weights[k] : 0), 0);
      expect(c.sledai2k).toBe(total);
      expect(c.clinicalSledai).toBe(
        total - (descriptors.lowComplement ? 2 : 0) - (descriptors.increasedDnaBinding ? 2 : 0)
      );
    }
    const baseline = study.clinical.filter((c) => c.day === 0).map((c) => c.sledai2k);
    const late = study.clinical.filter((c) => c.day >= 150).map((c) => c.sledai2k);
    expect(Math.min(...baseline)).toBeGreaterThan(Math.max(...late) - 5);
  });

  it("lists every protocol exclusion with its reason and drops the excluded values", () => {
    expect(study.exclusions.map((e) => e.reason)).toEqual([
      expect.stringMatching(/^viability .* below 70%$/),
      "severe haemolysis",
    ]);
    const viab = study.exclusions[0];
    expect(
      study.measurements.some((m) => m.subject === viab.subject && m.visit === viab.visit && m.feature === "cd4_pct")
    ).toBe(false);
    expect(
      study.measurements.some((m) => m.subject === viab.subject && m.visit === viab.visit && m.feature === "c3")
    ).toBe(true);
    expect(cohort.parts.measurements.length - study.measurements.length + study.clinical.length * 4).toBeGreaterThan(0);
  });

  it("profiles single cells for 3 subjects at 2 time points", () => {
    const keys = new Set(study.singleCell.map((c) => `${c.subject}/${c.visit}`));
    expect(keys.size).toBe(6);
    expect(new Set(study.singleCell.map((c) => c.subject)).size).toBe(3);
  });

  it("names the features that truly track activity, with strength", () => {
    const truth = new Map(groundTruth.features.map((f) => [f.feature, f]));
    expect(truth.get("plasmablasts_pct")).toMatchObject({
      tracksActivity: true,
      direction: 1,
      strength: "strong",
      affectedByDepletion: true,
    });
    expect(truth.get("c3")).toMatchObject({ tracksActivity: true, direction: -1, strength: "strong" });
    expect(truth.get("mdc_pct")).toMatchObject({ tracksActivity: false, strength: "none" });
    for (const f of study.features) expect(truth.has(f.id), f.id).toBe(true);
    expect(groundTruth.activity).toHaveLength(study.samples.length);
  });

  it("honours subjects and features options, adding signal-free populations beyond 40", () => {
    const small = simulateCohort({ seed: 1, subjects: 3, features: 5 });
    expect(small.study.subjects).toHaveLength(3);
    expect(small.study.features.filter((f) => f.kind === "frequency")).toHaveLength(5);
    const big = simulateCohort({ seed: 1, subjects: 2, features: 60 });
    expect(big.study.features.filter((f) => f.kind === "frequency")).toHaveLength(60);
    expect(big.groundTruth.features.find((f) => f.feature === "extra_60_pct")).toMatchObject({ tracksActivity: false });
    expect(() => simulateCohort({ seed: 1, subjects: 0 })).toThrow(SimulationOptionsError);
    expect(() => simulateCohort({ seed: 1.5 })).toThrow("seed must be an integer, got 1.5");
  });
});
