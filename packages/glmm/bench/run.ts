import { readFileSync } from "node:fs";
import { type BenchCase, runBenchmarks } from "@biomarker/bench-harness";
import { fitGlmm } from "../src/index.js";

interface Case {
  name: string;
  formula: string;
  data: Record<string, (number | string)[]>;
  levels: Record<string, string[]>;
}
const fixture = JSON.parse(readFileSync(new URL("../test/fixtures/glmm-r.json", import.meta.url), "utf8")) as { cases: Case[] };
const cells = fixture.cases.find((c) => c.name === "cells-CD4") as Case;
const cbpp = fixture.cases.find((c) => c.name === "cbpp-laplace") as Case;
const cellTypes = ["CD4", "CD8", "NK"];

const cases: BenchCase[] = [
  {
    name: "one cell type, 6 subjects x 6 visits, cbind(k, total - k) ~ visit + (1 | subject) + (1 | obs), Laplace",
    run: () => fitGlmm(cells.data, cells.formula, { family: "binomial", levels: cells.levels }),
    iterations: 20,
    targetMs: 5,
  },
  {
    name: "30 cell types (the 3 simulated ones, 10 times), same model",
    run: () => {
      for (let k = 0; k < 30; k++) {
        const ct = cellTypes[k % 3];
        fitGlmm(cells.data, `cbind(${ct}, total - ${ct}) ~ visit + (1 | subject) + (1 | obs)`, { family: "binomial", levels: cells.levels });
      }
    },
    iterations: 1,
    targetMs: 1000,
  },
  {
    name: "cbpp, cbind(incidence, size - incidence) ~ period + (1 | herd), nAGQ = 25",
    run: () => fitGlmm(cbpp.data, cbpp.formula, { family: "binomial", nAGQ: 25 }),
    iterations: 20,
  },
];

await runBenchmarks("@biomarker/glmm", cases);
