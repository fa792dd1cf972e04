import { describe, expect, it } from "vitest";
import { type DataColumns, type FeatureFit, fitLmm, fitLmmByFeatureAll } from "../src/index.js";
import { fixtures, readReference } from "./referenceData.js";

/** A long table: f0 = sim6x8's value, feature f = value * (1 + f / 10) + a deterministic wiggle; f3 is constant, f5 has
 *  extra missing values, f7 is Dyestuff2-like noise without subject effect. */
function longTable(nFeatures: number): DataColumns {
  const sim = readReference("sim6x8");
  const n = sim.value.length;
  const out: Record<string, (number | string | null)[]> = { feature: [], subject: [], day: [], value: [] };
  for (let f = 0; f < nFeatures; f++) {
    for (let i = 0; i < n; i++) {
      const v = sim.value[i] as number | null;
      let value: number | null = v === null ? null : f === 0 ? v : v * (1 + f / 10) + Math.sin(7 * i + f);
      if (f === 3) value = 1;
      if (f === 5 && i % 9 === 0) value = null;
      if (f === 7) value = Math.sin(13 * i) + Math.cos(3 * i);
      out.feature.push(`f${f}`);
      out.subject.push(sim.subject[i]);
      out.day.push(sim.day[i]);
      out.value.push(value);
    }
  }
  return out;
}

const formula = "value ~ day + (day | subject)";

function subsetOf(data: DataColumns, feature: string): DataColumns {
  const rows = [...Array(data.feature.length).keys()].filter((i) => data.feature[i] === feature);
  return Object.fromEntries(Object.entries(data).map(([k, col]) => [k, rows.map((i) => col[i])]));
}

describe("fitLmmByFeature", () => {
  const data = longTable(12);

  it("every row equals a separate fitLmm on that feature (structure reuse changes nothing)", async () => {
    const rows = await fitLmmByFeatureAll(data, formula, { by: "feature", workers: 1 });
    expect(rows.map((r) => r.feature)).toEqual([...Array(12).keys()].map((f) => `f${f}`));
    for (const row of rows) {
      if (row.error !== null) continue;
      const single = fitLmm(subsetOf(data, row.feature), formula);
      expect(row.remlCriterion).toBeCloseTo(single.remlCriterion as number, 9);
      row.fixedEffects.forEach((fe, j) => {
        expect(fe.estimate).toBeCloseTo(single.fixedEffects[j].estimate, 8);
        expect(fe.stdError).toBeCloseTo(single.fixedEffects[j].stdError, 8);
      });
      expect(row.nObs).toBe(single.nObs);
    }
  });

  it("feature f0 is the sim6x8 reference model and matches lme4", async () => {
    const rows = await fitLmmByFeatureAll(data, formula, { by: "feature", workers: 1 });
    const ref = fixtures.models.find((m) => m.id === "sim6x8");
    const row = rows[0] as Extract<FeatureFit, { error: null }>;
    expect(Math.abs((row.remlCriterion as number) - (ref?.criterion as number))).toBeLessThan(1e-6);
    row.fixedEffects.forEach((fe, j) => expect(Math.abs(fe.estimate / (ref?.beta[j] as number) - 1)).toBeLessThan(1e-6));
    expect(row.nObs).toBe(43);
  });

  it("a constant feature is reported in its row and the batch goes on", async () => {
    const rows = await fitLmmByFeatureAll(data, formula, { by: "feature", workers: 1 });
    const f3 = rows[3];
    expect(f3.error).toMatch(/constant/);
    expect(rows.filter((r) => r.error === null).length).toBe(11);
  });

  it("a feature with extra missing values gets its own design and reports the dropped rows", async () => {
    const rows = await fitLmmByFeatureAll(data, formula, { by: "feature", workers: 1 });
    const f5 = rows[5] as Extract<FeatureFit, { error: null }>;
    expect(f5.nObs).toBeLessThan(43);
    expect(f5.warnings.some((w) => /missing values dropped/.test(w))).toBe(true);
  });

  it("worker threads give byte-identical rows in the same order", async () => {
    const serial = await fitLmmByFeatureAll(data, formula, { by: "feature", workers: 1 });
    const parallel = await fitLmmByFeatureAll(data, formula, { by: "feature", workers: 2, chunkSize: 2 });
    expect(JSON.stringify(parallel)).toBe(JSON.stringify(serial));
  });

  it("an unknown feature column is an input error", async () => {
    await expect(fitLmmByFeatureAll(data, formula, { by: "gene", workers: 1 })).rejects.toMatchObject({ inputError: true });
  });
});
