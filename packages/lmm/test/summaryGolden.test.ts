import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fitLmm, formatLmmSummary } from "../src/index.js";
import { fixtures, readReference } from "./referenceData.js";

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), "golden");

/** Golden text outputs, kept as Observable Plot keeps its SVGs: on a mismatch the new output is written
 *  beside the golden file (<name>.new.txt) so the diff can be read; delete the golden file to accept. */
function expectGolden(name: string, actual: string): void {
  const file = join(goldenDir, `${name}.txt`);
  if (!existsSync(file)) {
    writeFileSync(file, actual);
    return;
  }
  const expected = readFileSync(file, "utf8");
  if (expected !== actual) writeFileSync(join(goldenDir, `${name}.new.txt`), actual);
  expect(actual).toBe(expected);
}

describe("summary text in lme4's layout (golden files)", () => {
  it.each(["sleepstudy-reml", "sleepstudy-ml", "orthodont-age-sex", "dyestuff2-singular", "pastes-nested"])("%s", (id) => {
    const ref = fixtures.models.find((m) => m.id === id)!;
    const fit = fitLmm(readReference(ref.data), ref.formula, { reml: ref.reml, levels: ref.levels });
    expectGolden(id, formatLmmSummary(fit));
  });
});
