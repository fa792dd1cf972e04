import { availableParallelism } from "node:os";
import { type BenchCase, runBenchmarks } from "@biomarker/bench-harness";
import { createRandomStream } from "@biomarker/numerics";
import { type DataColumns, buildDesign, fitLmm, fitLmmByFeatureAll } from "../src/index.js";
import { fitDesign } from "../src/fit/fit.js";
import { readReference as readCsv } from "../test/referenceData.js";
import { censoredBenchCases } from "./censored.js";
import { inferenceBenchCases } from "./inference.js";

const quick = process.env.BIOMARKER_BENCH_QUICK === "1";
const FEATURES = quick ? 2_000 : 20_000;
const R_FEATURES = 200;
const cores = availableParallelism();

/** nFeatures x (6 subjects x 8 visits): value = 10 + 0.05 day + b0 + b1 day + e, seeded. */
function featureTable(nFeatures: number): DataColumns {
  const rng = createRandomStream(20261125);
  const days = [0, 1, 3, 7, 14, 21, 28, 42];
  const rows = nFeatures * 6 * days.length;
  const feature: string[] = new Array(rows);
  const subject: string[] = new Array(rows);
  const day = new Float64Array(rows);
  const value = new Float64Array(rows);
  let i = 0;
  for (let f = 0; f < nFeatures; f++) {
    for (let s = 0; s < 6; s++) {
      const b0 = 2 * rng.nextNormal();
      const b1 = 0.03 * rng.nextNormal();
      for (const d of days) {
        feature[i] = `f${f}`;
        subject[i] = `S${s + 1}`;
        day[i] = d;
        value[i] = 10 + 0.05 * d + b0 + b1 * d + rng.nextNormal();
        i++;
      }
    }
  }
  return { feature, subject, day, value };
}

/** nSubjects x 10 observations, random intercept and slope. */
function cohort(nSubjects: number): DataColumns {
  const rng = createRandomStream(7);
  const n = nSubjects * 10;
  const subject = new Float64Array(n);
  const time = new Float64Array(n);
  const y = new Float64Array(n);
  for (let s = 0, i = 0; s < nSubjects; s++) {
    const b0 = rng.nextNormal();
    const b1 = 0.5 * rng.nextNormal();
    for (let t = 0; t < 10; t++, i++) {
      subject[i] = s;
      time[i] = t;
      y[i] = 1 + 0.2 * t + b0 + b1 * t + rng.nextNormal();
    }
  }
  return { subject, time, y };
}

const sleepstudy = readCsv("sleepstudy");
const features = featureTable(FEATURES);
const featureFormula = "value ~ day + (day | subject)";

/** R: lme4 on the same simulated design, 200 features timed, scaled to the batch size. */
const rFeatureLoop = `
suppressMessages(library(lme4)); set.seed(1)
days <- c(0, 1, 3, 7, 14, 21, 28, 42)
d <- expand.grid(day = days, subject = paste0("S", 1:6))
t <- system.time(for (f in 1:${R_FEATURES}) {
  b0 <- rnorm(6, 0, 2); b1 <- rnorm(6, 0, 0.03); s <- as.integer(d$subject)
  d$value <- 10 + 0.05 * d$day + b0[s] + b1[s] * d$day + rnorm(nrow(d))
  suppressMessages(lmer(value ~ day + (day | subject), d))
})[["elapsed"]]
cat(t / ${R_FEATURES} * ${FEATURES}, "\\n")`;

const cases: BenchCase[] = [
  {
    name: "sleepstudy Reaction ~ Days + (Days | Subject), REML, one fit (R: lme4 lmer, 50 fits)",
    run: () => fitLmm(sleepstudy, "Reaction ~ Days + (Days | Subject)"),
    iterations: 500,
    targetMs: 1,
    r: `suppressMessages(library(lme4)); invisible(lmer(Reaction ~ Days + (Days | Subject), sleepstudy))
t <- system.time(for (i in 1:50) lmer(Reaction ~ Days + (Days | Subject), sleepstudy))[["elapsed"]]; cat(t / 50, "\\n")`,
  },
  {
    name: `${FEATURES} features x (6 x 8) ${featureFormula}, ${cores} workers (R: lme4 loop on ${R_FEATURES} features, scaled)`,
    run: () => fitLmmByFeatureAll(features, featureFormula, { by: "feature" }),
    iterations: 1,
    targetMs: (20_000 * FEATURES) / 20_000,
    r: rFeatureLoop,
  },
];

// Scaling in the number of subjects (time should be linear): one case per size.
const sizes = quick ? [1_000, 10_000, 30_000] : [1_000, 10_000, 30_000, 100_000];
for (const size of sizes) {
  const data = cohort(size);
  const design = buildDesign(data, "y ~ time + (time | subject)");
  cases.push({
    name: `scaling: ${size} subjects x 10 obs, y ~ time + (time | subject), fit only`,
    run: () => fitDesign(design, design.y, true),
    iterations: 1,
  });
}

cases.push(...inferenceBenchCases());
cases.push(...censoredBenchCases());

const results = await runBenchmarks("@biomarker/lmm", cases);
const scaling = results.filter((r) => r.name.startsWith("scaling"));
process.stdout.write("scaling curve (ms per 1,000 subjects):\n");
for (const [k, r] of scaling.entries()) {
  process.stdout.write(`  ${sizes[k]} subjects: ${r.msPerIteration.toFixed(1)} ms (${((r.msPerIteration / sizes[k]) * 1000).toFixed(2)} ms / 1,000 subjects)\n`);
}
