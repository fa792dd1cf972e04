import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createReport, loadReportStudy, runAnalysis, starterPlanYaml, validatePlan } from "../src/index.js";

/**
 * The three real public datasets of datasets/examples/ (survival::pbcseq, datasets::Theoph,
 * datasets::ChickWeight; written with their plans by scripts/r-reference/examples.R) run end to end
 * through `report`, and the first feature's model equals lmerTest + emmeans (fixtures/examples-r.json).
 */
interface Reference {
  feature: string;
  formula: string;
  baseline: string;
  nObs: number;
  contrasts: { contrast: string[]; estimate: number[]; stdError: number[]; df: number[]; pValue: number[] };
  means: { visit: string[]; estimate: number[]; stdError: number[]; df: number[] };
  byGroup?: { factor: string; level: string[]; contrast: string[]; estimate: number[]; stdError: number[]; df: number[]; pValue: number[] };
}
const fixture = JSON.parse(readFileSync(new URL("./fixtures/examples-r.json", import.meta.url), "utf8")) as { datasets: Record<string, Reference> };
const examples = fileURLToPath(new URL("../../../datasets/examples/", import.meta.url));

const relClose = (actual: number | null, expected: number, rel: number, label: string) =>
  expect(Math.abs((actual as number) - expected), label).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));

describe.each(Object.keys(fixture.datasets))("datasets/examples/%s through report", (name) => {
  const ref = fixture.datasets[name];
  const out = mkdtempSync(join(tmpdir(), `report-example-${name}-`));
  const { results } = createReport({ data: join(examples, name), plan: join(examples, name, "plan.yaml"), out, force: true });
  const dynamics = results.immuneDynamics.features.find((f) => f.feature === ref.feature)!;

  it(`fits ${ref.formula} like lmerTest + emmeans (Kenward-Roger): estimates to 1e-7, SE to 1e-6, df to 1e-5, p to 1e-5 relative`, () => {
    expect(dynamics.fit?.formula).toBe(ref.formula);
    expect(dynamics.fit?.nObs).toBe(ref.nObs);
    const contrasts = dynamics.fit!.contrasts;
    expect(contrasts.map((c) => `${c.visit} - ${ref.baseline}`)).toEqual(ref.contrasts.contrast);
    contrasts.forEach((c, i) => {
      relClose(c.estimate, ref.contrasts.estimate[i], 1e-7, `estimate ${c.visit}`);
      relClose(c.stdError, ref.contrasts.stdError[i], 1e-6, `SE ${c.visit}`);
      relClose(c.df, ref.contrasts.df[i], 1e-5, `df ${c.visit}`);
      expect(Math.abs((c.pValue as number) - ref.contrasts.pValue[i]), `p ${c.visit}`).toBeLessThanOrEqual(1e-5 * ref.contrasts.pValue[i] + 1e-15);
    });
    dynamics.fit!.means.forEach((m, i) => {
      expect(m.visit).toBe(ref.means.visit[i]);
      relClose(m.estimate, ref.means.estimate[i], 1e-7, `mean ${m.visit}`);
    });
  });

  it.skipIf(ref.byGroup === undefined)("gives the change from baseline within each group like emmeans ~ visit | group (estimates 1e-7, SE 1e-6, df 1e-5)", () => {
    const expected = ref.byGroup!;
    const rows = dynamics.fit!.byGroup!.flatMap((g) => g.contrasts.map((c) => ({ factor: g.factor, level: g.level, contrast: `${c.visit} - ${ref.baseline}`, c })));
    expect(rows.map((r) => [r.level, r.contrast])).toEqual(expected.level.map((l, i) => [l, expected.contrast[i]]));
    rows.forEach((r, i) => {
      expect(r.factor).toBe(expected.factor);
      relClose(r.c.estimate, expected.estimate[i], 1e-7, `estimate ${r.level} ${r.contrast}`);
      relClose(r.c.stdError, expected.stdError[i], 1e-6, `SE ${r.level} ${r.contrast}`);
      relClose(r.c.df, expected.df[i], 1e-5, `df ${r.level} ${r.contrast}`);
    });
  });

  it("shows only the sections the plan asks for, titled by the plan, with no B-cell section", () => {
    const markdown = readFileSync(join(out, "report.md"), "utf8");
    const headings = markdown.split("\n").filter((l) => l.startsWith("## "));
    expect(headings[0]).toBe("## 1. Cohort");
    expect(headings.at(-1)).toMatch(/^## \d\. Methods and provenance$/);
    expect(markdown).not.toMatch(/B-cell|reconstitution/i);
    const plan = results.methods.plan;
    if (plan.sections?.dynamics) expect(headings).toContain(`## 2. ${plan.sections.dynamics}`);
    expect(results.reconstitution).toBeNull();
  });

  it("without a sample table, counts each subject's measured visit as a sample and says so", () => {
    const measured = new Set(results.immuneDynamics.features.flatMap((f) => f.points.map((p) => `${p.subject}/${p.visit}`)));
    expect(results.cohort.counts.samples).toBeGreaterThanOrEqual(measured.size);
    expect(results.cohort.subjects.every((s) => s.samples > 0)).toBe(true);
    expect(results.cohort.pending[0]).toMatch(/^The study has no sample table/);
  });

  it("the starter plan written for the study (--print-plan --data) validates and runs as it is", () => {
    const study = loadReportStudy(join(examples, name));
    const plan = validatePlan(parse(starterPlanYaml(study)), "starter plan");
    const analysed = runAnalysis(study, plan);
    expect(analysed.immuneDynamics.features.length).toBe(study.features.length - (plan.outcomes ?? []).length);
    expect(analysed.immuneDynamics.features.every((f) => f.fit !== null)).toBe(true);
    expect(analysed.reconstitution).toBeNull();
  });
});
