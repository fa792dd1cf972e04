import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runAnalysis } from "./analysis/run.js";
import { ReportOutputError } from "./errors.js";
import { compareResults, formatDifferences, type Difference } from "./golden/compare.js";
import { prepareOutputDir } from "./output/outputDir.js";
import { writeReport, type WrittenReport } from "./output/writeReport.js";
import { defaultPlan } from "./plan/defaultPlan.js";
import { readPlan } from "./plan/parse.js";
import type { AnalysisPlan } from "./plan/schema.js";
import type { Results } from "./results.js";
import { serializeResults } from "./serialize.js";
import { loadReportStudy } from "./study/load.js";

export interface ReportInputOptions {
  /** Study folder or data file. */
  data: string;
  /** Plan file (JSON or YAML); default: the documented default plan. */
  plan?: string;
  /** Overrides the plan's seed. */
  seed?: number;
  onStep?: (step: string, index: number, total: number) => void;
}

/** Reads the study and plan and runs the analysis. */
export function computeReport(options: ReportInputOptions): Results {
  return analysePlan(options.plan ? readPlan(options.plan) : defaultPlan(), options);
}

function analysePlan(plan: AnalysisPlan, options: ReportInputOptions): Results {
  options.onStep?.("reading study", 0, 1);
  const study = loadReportStudy(options.data);
  return runAnalysis(study, plan, { seed: options.seed, onStep: options.onStep });
}

/** `biomarker report`: compute and write the report folder. */
export function createReport(options: ReportInputOptions & { out: string; force?: boolean }): WrittenReport & { results: Results } {
  const safety = { force: options.force ?? false, inputDirs: [options.data] };
  // A bad plan or an unsafe --out is refused before the (longer) analysis, without creating anything.
  const plan = options.plan ? readPlan(options.plan) : defaultPlan();
  prepareOutputDir(options.out, safety);
  const results = analysePlan(plan, options);
  const written = writeReport(results, options.out, safety);
  return { ...written, results };
}

export interface GoldenCheck {
  ok: boolean;
  goldenFile: string;
  differences: Difference[];
  /** A readable summary of what is missing, added or changed. */
  message: string;
}

/**
 * `biomarker report --check GOLDEN_DIR`: recomputes the results and compares them with
 * GOLDEN_DIR/results.json, rows matched by their keys (see compareResults). Writes nothing: to accept a
 * change, write a report elsewhere and copy its results.json (packages/report/test/golden/README.md).
 */
export function checkReport(options: ReportInputOptions & { golden: string }): GoldenCheck {
  const goldenFile = join(options.golden, "results.json");
  let expectedText: string;
  try {
    expectedText = readFileSync(goldenFile, "utf8");
  } catch {
    throw new ReportOutputError(`--check ${options.golden}: no results.json there`);
  }
  const actualText = serializeResults(computeReport(options));
  if (actualText === expectedText) return { ok: true, goldenFile, differences: [], message: `results match ${goldenFile}` };
  const differences = compareResults(JSON.parse(expectedText), JSON.parse(actualText));
  if (differences.length === 0) {
    return { ok: true, goldenFile, differences, message: `results match ${goldenFile} (within 1e-6 relative; toolkit version not compared)` };
  }
  const message = `${differences.length} difference(s) from ${goldenFile}:\n${formatDifferences(differences)}`;
  return { ok: false, goldenFile, differences, message };
}
