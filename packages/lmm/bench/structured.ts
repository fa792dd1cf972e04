/**
 * Benchmark cases for residual structures and CR2 (bench/run.ts imports them): a corCAR1 + random-intercept
 * fit of one 6 x 11 feature (target 5 ms), the same with varIdent by visit, and the CR2 sandwich with its
 * Satterthwaite df on that fit (target 1 ms), with nlme / clubSandwich side by side.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchCase } from "@biomarker/bench-harness";
import { clusterRobust, fitLmm } from "../src/index.js";
import { readStructuredCsv } from "../test/structured-fixtures.js";

const csv = join(dirname(fileURLToPath(import.meta.url)), "..", "test", "fixtures", "structured-cohort.csv");

export function structuredBenchCases(): BenchCase[] {
  const data = readStructuredCsv("cohort");
  const formula = "value ~ visit + (1 | subject)";
  const car1 = fitLmm(data, formula, { correlation: "corCAR1(~ day | subject)" });
  const rSetup = `suppressMessages({library(nlme); library(clubSandwich)}); d <- read.csv("${csv}")`;
  return [
    {
      name: "corCAR1(~ day | subject) + (1 | subject), one 6 x 11 feature, REML (R: nlme lme)",
      run: () => fitLmm(data, formula, { correlation: "corCAR1(~ day | subject)" }),
      iterations: 200,
      targetMs: 5,
      r: `${rSetup}; t <- system.time(for (i in 1:50) lme(value ~ visit, random = ~ 1 | subject, correlation = corCAR1(form = ~ day | subject), data = d))[["elapsed"]]; cat(t / 50, "\\n")`,
    },
    {
      name: "corCAR1 + varIdent(~ 1 | visit) + (1 | subject), one 6 x 11 feature, REML (R: nlme lme)",
      run: () => fitLmm(data, formula, { correlation: "corCAR1(~ day | subject)", weights: "varIdent(~ 1 | visit)" }),
      iterations: 20,
      r: `${rSetup}; t <- system.time(for (i in 1:10) lme(value ~ visit, random = ~ 1 | subject, correlation = corCAR1(form = ~ day | subject), weights = varIdent(form = ~ 1 | visit), data = d))[["elapsed"]]; cat(t / 10, "\\n")`,
    },
    {
      name: "CR2 sandwich + Satterthwaite df on the corCAR1 fit (R: clubSandwich coef_test)",
      run: () => clusterRobust(car1),
      iterations: 500,
      targetMs: 1,
      r: `${rSetup}; m <- lme(value ~ visit, random = ~ 1 | subject, correlation = corCAR1(form = ~ day | subject), data = d); t <- system.time(for (i in 1:20) coef_test(m, vcov = "CR2", test = "Satterthwaite"))[["elapsed"]]; cat(t / 20, "\\n")`,
    },
  ];
}
