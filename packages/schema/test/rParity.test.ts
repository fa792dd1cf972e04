import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  arcsineSqrtPercent,
  centredLogRatio,
  changesFromBaseline,
  logTransform,
  logitPercent,
  readLongTable,
} from "../src/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixture = JSON.parse(readFileSync(join(here, "fixtures", "schema-r.json"), "utf8"));
const csv = join(here, "..", "..", "..", "datasets", "csle-bite-sim", "measurements.csv");

describe("parity with R (scripts/r-reference/schema.R)", () => {
  const manifest = JSON.parse(readFileSync(join(dirname(csv), "study.json"), "utf8"));
  const table = readLongTable(csv, { visits: manifest.visits });

  it("reads the bundled measurements.csv as R read.csv does: rows, string ids, censored and missing counts", () => {
    const m = table.measurements;
    expect(m).toHaveLength(fixture.cohort.rows);
    expect([...new Set(m.map((r) => r.subject))].sort()).toEqual(fixture.cohort.subjects);
    expect(m.filter((r) => r.censored === "<")).toHaveLength(fixture.cohort.censored);
    expect(m.filter((r) => r.value === null && r.censored === null)).toHaveLength(fixture.cohort.missing);
    expect(new Set(m.map((r) => r.feature)).size).toBe(fixture.cohort.features);
  });

  it("change from the last pre-dose baseline matches R to 1e-12 (censored changes are bounds, R's NA)", () => {
    const mine = changesFromBaseline(
      table.measurements.filter((r) => r.feature === "c3" || r.feature === "anti_dsdna")
    );
    const byKey = new Map(mine.map((c) => [`${c.subject}/${c.feature}/${c.day}`, c]));
    expect(mine).toHaveLength(fixture.changes.length);
    for (const r of fixture.changes as { subject: string; feature: string; day: number; change: number | null }[]) {
      const c = byKey.get(`${r.subject}/${r.feature}/${r.day}`)!;
      if (r.change === null) expect(c.change.kind).not.toBe("observed");
      else {
        expect(c.change.kind).toBe("observed");
        const got = (c.change as { value: number }).value;
        expect(Math.abs(got - r.change)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(r.change)));
      }
    }
  });

  it("logit, arcsine-sqrt and log match qlogis, asin(sqrt()) and log to 1e-14", () => {
    const t = fixture.transforms;
    t.percent.forEach((p: number, k: number) => {
      expect(logitPercent(p)).toBeCloseTo(t.logit[k], 14);
      expect(arcsineSqrtPercent(p)).toBeCloseTo(t.arcsineSqrt[k], 14);
      expect(logTransform(p)).toBeCloseTo(t.log[k], 14);
    });
  });

  it("centred log-ratio matches R to 1e-14", () => {
    const clr = centredLogRatio(fixture.clr.counts, fixture.clr.pseudocount);
    fixture.clr.clr.forEach((v: number, k: number) => expect(clr[k]).toBeCloseTo(v, 14));
  });
});
