import { runBenchmarks } from "@biomarker/bench-harness";
import { simulateCohort } from "@biomarker/schema";
import { scoreBiomarkers } from "../src/index.js";

// The score's validation (precision against ground truth, two data-generating processes) is not a speed
// target: it is tools/score-validation (`npm run validate -w @biomarker/score-validation`, docs/scoring.md).
const quick = process.env.BIOMARKER_BENCH_QUICK === "1";
const cohort = simulateCohort({ seed: 20260314 });

await runBenchmarks("@biomarker/scoring", [
  {
    name: "scoreBiomarkers on a simulated 6-subject cohort (80 flow features, exact 462 resamples)",
    run: () => scoreBiomarkers(cohort.study.measurements, { outcome: "sledai2k", landmark: "D28", exclude: ["c3", "c4", "anti_dsdna", "upcr", "clinical_sledai", "pga", "prednisone"] }),
    iterations: quick ? 1 : 5,
  },
]);
