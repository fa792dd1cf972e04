import { describe, expect, it } from "vitest";
import { PlanError, runAnalysis, validatePlan } from "../src/index.js";
import { syntheticPlan, syntheticStudy } from "./fixtures/syntheticStudy.js";

describe("covariance-structure sensitivity (section 3)", () => {
  const results = runAnalysis(syntheticStudy(), validatePlan(syntheticPlan));
  const s = results.immuneDynamics.covarianceSensitivity;

  it("reports the REML AIC of the three structures per feature and prefers the lowest converged one", () => {
    expect(s.primary).toBe("random-intercept");
    expect(s.keyVisits).toEqual(["D28", "D168"]);
    expect(s.features.length).toBe(results.immuneDynamics.features.length);
    for (const f of s.features) {
      const converged = f.aic.filter((a) => a.aic !== null && a.converged) as { structure: string; aic: number }[];
      if (converged.length === 0) continue;
      const lowest = converged.reduce((a, b) => (b.aic < a.aic ? b : a));
      expect(f.preferred).toBe(lowest.structure);
    }
  });

  it("the CR2 rows equal clusterRobust on the random-intercept fit and the random-intercept rows equal the lme4-style fit's coefficients", () => {
    const f = s.features.find((x) => x.contrasts.some((c) => c.structure === "CR2"))!;
    const dynamics = results.immuneDynamics.features.find((x) => x.feature === f.feature)!;
    const ri = f.contrasts.find((c) => c.structure === "random-intercept" && c.visit === "D28")!;
    const lmmContrast = dynamics.fit!.contrasts.find((c) => c.visit === "D28")!;
    expect(ri.estimate).toBeCloseTo(lmmContrast.estimate, 6);
    expect(ri.stdError).toBeCloseTo(lmmContrast.stdError, 6);
    const cr2 = f.contrasts.find((c) => c.structure === "CR2" && c.visit === "D28")!;
    expect(cr2.estimate).toBeCloseTo(ri.estimate, 10);
    // With 4 subjects the CR2 df stay below the number of subjects.
    expect(cr2.df as number).toBeLessThan(4);
  });

  it("lmm.covariance corCAR1 switches the primary contrasts to the structured fit (Satterthwaite df) and says so", () => {
    const r = runAnalysis(syntheticStudy(), validatePlan({ ...syntheticPlan, lmm: { covariance: "corCAR1" } }));
    const f = r.immuneDynamics.features.find((x) => x.fit !== null)!;
    expect(f.fitNote).toMatch(/Residual structure: corCAR1; Satterthwaite df/);
    const sens = r.immuneDynamics.covarianceSensitivity.features.find((x) => x.feature === f.feature)!;
    const car1 = sens.contrasts.find((c) => c.structure === "corCAR1" && c.visit === "D28");
    if (car1) expect(f.fit!.contrasts.find((c) => c.visit === "D28")!.estimate).toBeCloseTo(car1.estimate, 10);
    expect(r.immuneDynamics.covarianceSensitivity.primary).toBe("corCAR1");
  });

  it("a structured primary model with another formula is a plan error naming the key", () => {
    const plan = validatePlan({
      ...syntheticPlan,
      featureGroups: [{ name: "Lymphocytes", features: ["*_count"], transform: "log10", formula: "value ~ day + (1 | subject)" }],
      lmm: { covariance: "varIdent" },
    });
    expect(() => runAnalysis(syntheticStudy(), plan)).toThrow(PlanError);
    expect(() => runAnalysis(syntheticStudy(), plan)).toThrow(/featureGroups\[0\]\.formula: lmm.covariance "varIdent" needs/);
  });
});
