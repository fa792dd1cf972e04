import { describe, expect, it } from "vitest";
import { defaultPlan, parsePlan, PlanError, runAnalysis, validatePlan } from "../src/index.js";
import { syntheticPlan, syntheticStudy } from "./fixtures/syntheticStudy.js";

function planError(run: () => unknown): PlanError {
  try {
    run();
  } catch (error) {
    if (error instanceof PlanError) return error;
    throw error;
  }
  throw new Error("expected a PlanError");
}

describe("analysis plan", () => {
  it("fills every default of a minimal plan", () => {
    const plan = validatePlan(syntheticPlan);
    expect(plan.lmm).toEqual({ ddf: "kenward-roger", confLevel: 0.95 });
    expect(plan.multiplicity.method).toBe("auto");
    expect(plan.multiplicity.level).toBe(0.05);
    expect(plan.multiplicity.families.map((f) => f.tests)).toEqual([["changes"], ["associations.within"], ["associations.rmcorr"], ["associations.spearman-change"]]);
    expect(plan.associations).toMatchObject({ methods: ["within", "rmcorr", "spearman-change"], ddf: "satterthwaite", negativeControls: [] });
    expect(plan.featureGroups[0].formula).toBe("value ~ visit + (1 | subject)");
    expect(plan.reconstitution!.threshold).toEqual({ kind: "lloq" });
    expect(plan.singleCell.cellTypes).toEqual(["*"]);
  });

  it("a kind of test in two families is a plan error naming the key path", () => {
    const families = [
      { name: "a", question: "q?", tests: ["changes", "associations.within"] },
      { name: "b", question: "q?", tests: ["associations.within"] },
    ];
    const error = planError(() => validatePlan({ ...syntheticPlan, multiplicity: { families } }));
    expect(error.issues.join("\n")).toMatch(/multiplicity\.families\[1\]\.tests\[0\]: "associations.within" is already in family 0/);
  });

  it("reads the same plan from YAML and from JSON", () => {
    const yaml = `version: 1
title: Synthetic test report
seed: 7
visits: { baseline: D0, landmark: D28 }
featureGroups:
  - name: Lymphocytes
    features: ["*_count"]
    transform: log10
clinical: { features: [sledai2k, c3] }
outcomes: [{ feature: sledai2k, label: SLEDAI-2K }]
reconstitution: { feature: b_cells_count }
`;
    expect(parsePlan(yaml, "plan.yaml")).toEqual(parsePlan(JSON.stringify(syntheticPlan), "plan.json"));
  });

  it("names the key path of every invalid value, and is an input error", () => {
    const bad = {
      ...syntheticPlan,
      seed: -1,
      featureGroups: [{ name: "x", features: [], transform: "sqrt" }],
      multiplicity: { method: "fdr", level: 1.5 },
      extra: true,
    };
    const error = planError(() => validatePlan(bad, "plan.yaml"));
    expect(error.inputError).toBe(true);
    expect(error.message).toContain("plan plan.yaml is invalid");
    const paths = error.issues.map((i) => i.split(":")[0]);
    expect(paths).toEqual(expect.arrayContaining(["seed", "featureGroups[0].features", "featureGroups[0].transform", "multiplicity.method", "multiplicity.level", "extra"]));
    expect(error.issues).toContain("extra: unknown key");
  });

  it("reports a YAML syntax error with its line", () => {
    const error = planError(() => parsePlan("version: 1\nvisits: [unclosed\n", "p.yaml"));
    expect(error.message).toMatch(/p\.yaml does not parse/);
    expect(error.message).toMatch(/line \d+/);
  });

  it("refuses YAML aliases and custom tags instead of expanding them", () => {
    expect(() => parsePlan("version: 1\nx: &a [1]\ny: *a\n")).toThrow(PlanError);
    expect(() => parsePlan("version: !!js/function 'return 1'\n")).toThrow(PlanError);
  });

  it("names the key path of a plan reference the study does not have", () => {
    const plan = validatePlan({
      ...syntheticPlan,
      visits: { baseline: "D0", landmark: "D99" },
      outcomes: [{ feature: "nope" }],
      associations: { negativeControls: [{ x: "dose", y: "sledai2k" }] },
    });
    const error = planError(() => runAnalysis(syntheticStudy(), plan));
    expect(error.issues).toEqual(expect.arrayContaining([
      expect.stringMatching(/^visits\.landmark: visit "D99" is not in the study/),
      expect.stringMatching(/^outcomes\[0\]\.feature: feature "nope" is not in the study \(features: [a-z0-9_]+, /),
      expect.stringMatching(/^associations\.negativeControls\[0\]\.x: feature "dose" is not in the study \(features: /),
    ]));
  });

  it("checks each group's formula before fitting: syntax (with a caret), response and columns", () => {
    const plan = validatePlan({
      ...syntheticPlan,
      featureGroups: [
        { name: "a", features: ["*_count"], formula: "value ~ visit + (1 | subject" },
        { name: "b", features: ["*_count"], formula: "y ~ visit + age + (1 | site)" },
      ],
    });
    const error = planError(() => runAnalysis(syntheticStudy(), plan));
    // The message is @biomarker/lmm's, with the formula and a caret under the end of the text.
    expect(error.issues[0]).toMatch(/^featureGroups\[0\]\.formula: .+\n {2}value ~ visit \+ \(1 \| subject\n {30}\^$/);
    expect(error.issues).toContain("featureGroups[1].formula: the response must be value (the feature's transformed value), not y");
    // age is a subject covariate (as are sex and every subjects-table column); site is not.
    expect(error.issues).toContain("featureGroups[1].formula: unknown column site (a model may use value, visit, day, subject, sex, age)");
  });

  it("the default plan validates", () => {
    expect(defaultPlan().visits).toEqual({ baseline: "D0", landmark: "D28" });
  });
});
