import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runBenchmarks } from "@biomarker/bench-harness";
import { simulateStudyFolder } from "@biomarker/schema";
import { createReport, loadReportStudy } from "../src/index.js";

const quick = process.env.BIOMARKER_BENCH_QUICK === "1";
const bundled = fileURLToPath(new URL("../../../datasets/csle-bite-sim", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "report-bench-"));

// 300 features = 150 flow populations, each as % of parent and absolute count (quick: 60 features).
const populations = quick ? 30 : 150;
const replicates = quick ? 200 : 1000;
const wide = join(scratch, "wide-study");
simulateStudyFolder(wide, { seed: 11, features: populations });
const featureCount = loadReportStudy(wide).features.filter((f) => /_(count|pct)$/.test(f.id)).length;
const widePlan = join(scratch, "plan.json");
writeFileSync(widePlan, JSON.stringify({
  version: 1,
  title: "benchmark",
  seed: 1,
  visits: { baseline: "D0", landmark: "D28" },
  featureGroups: [{ name: "all flow features", features: ["*_count", "*_pct"], transform: "none" }],
  clinical: { features: ["sledai2k"] },
  outcomes: [{ feature: "sledai2k" }],
  reconstitution: { feature: "b_cells_count" },
  bootstrap: { replicates },
}));

let run = 0;
await runBenchmarks("@biomarker/report", [
  {
    // Includes the censored-likelihood fits (and their profile-likelihood bounds) of the B-cell features.
    name: "default report of the bundled cohort (read, analyse, write HTML/MD/JSON/CSV/SVG)",
    iterations: quick ? 1 : 3,
    targetMs: 5_000,
    run: () => createReport({ data: bundled, out: join(scratch, `default-${run++}`) }),
  },
  {
    name: `report of ${featureCount} features with ${replicates}-resample scoring (6 subjects, all outputs)`,
    iterations: 1,
    targetMs: 60_000,
    run: () => createReport({ data: wide, plan: widePlan, out: join(scratch, `wide-${run++}`) }),
  },
]);
rmSync(scratch, { recursive: true, force: true });
