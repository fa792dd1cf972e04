import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pAdjust } from "../src/index.js";

/** From scripts/r-reference/peer-cases.R: the definitions evaluated in R with -expm1(m log1p(-p)). */
const reference = JSON.parse(readFileSync(join(import.meta.dirname, "fixtures", "sidak-r.json"), "utf8"));
const maxRelative = (a: (number | null)[], b: number[]) =>
  Math.max(...b.map((v, i) => Math.abs((a[i] as number) - v) / Math.max(Math.abs(v), 1e-300)));

describe("Sidak adjustments", () => {
  it("single-step and Holm step-down Sidak match their definitions in R to 1e-14 (also with n > length(p))", () => {
    for (const c of reference.cases) {
      const p = [c.p].flat();
      expect(maxRelative(pAdjust(p, "sidak"), [c.sidak].flat())).toBeLessThanOrEqual(1e-14);
      expect(maxRelative(pAdjust(p, "holm-sidak"), [c.holmSidak].flat())).toBeLessThanOrEqual(1e-14);
      expect(maxRelative(pAdjust(p, "sidak", c.n), [c.sidakN].flat())).toBeLessThanOrEqual(1e-14);
      expect(maxRelative(pAdjust(p, "holm-sidak", c.n), [c.holmSidakN].flat())).toBeLessThanOrEqual(1e-14);
    }
  });

  it("keeps the digits of tiny p-values: sidak(1e-300, n = 10) = 1e-299", () => {
    expect(pAdjust([1e-300], "sidak", 10)[0]).toBeCloseTo(1e-299, 310);
    expect(Math.abs((pAdjust([1e-300], "sidak", 10)[0] as number) / 1e-299 - 1)).toBeLessThan(1e-15);
  });

  it("is never larger than Bonferroni and Holm-Sidak never larger than Holm", () => {
    const p = [0.01, 0.04, 0.03, 0.005, 0.2, 0.7];
    const s = pAdjust(p, "sidak") as number[];
    const b = pAdjust(p, "bonferroni") as number[];
    const hs = pAdjust(p, "holm-sidak") as number[];
    const h = pAdjust(p, "holm") as number[];
    p.forEach((_, i) => {
      expect(s[i]).toBeLessThanOrEqual(b[i]);
      expect(hs[i]).toBeLessThanOrEqual(h[i]);
    });
  });
});
