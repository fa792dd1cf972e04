import { runBenchmarks } from "@biomarker/bench-harness";
import { createRandomStream } from "@biomarker/numerics";
import { clearSpearmanNullCache, correlationMatrix } from "../src/index.js";

const quick = process.env.BIOMARKER_BENCH_QUICK === "1";

/** Simulated wide data: continuous features with some missing values, clinical scores with ties. */
function simulate(features: number, n: number, missingPerFeature: (f: number) => number, seed: number) {
  const rng = createRandomStream(seed);
  const activity = Array.from({ length: n }, () => rng.nextNormal());
  const y: Record<string, (number | null)[]> = {
    sledai: activity.map((a) => 2 * Math.max(0, Math.round(3 + 2 * a))), // integer score: ties
    c3: activity.map((a) => Math.round((1 - 0.2 * a + 0.1 * rng.nextNormal()) * 100) / 100),
    c4: activity.map((a) => Math.round((0.2 - 0.05 * a + 0.05 * rng.nextNormal()) * 100) / 100),
    dsdna: activity.map((a) => Math.max(0, Math.round(20 + 15 * a + 5 * rng.nextNormal()))),
    pga: activity.map((a) => Math.min(3, Math.max(0, Math.round(1.5 + a)))), // physician global 0-3: heavy ties
  };
  const x: Record<string, (number | null)[]> = {};
  for (let f = 0; f < features; f++) {
    const values: (number | null)[] = activity.map((a) => 0.4 * a + rng.nextNormal());
    for (let k = 0; k < missingPerFeature(f); k++) values[rng.nextInt(n)] = null;
    x[`feature${f}`] = values;
  }
  return { x, y };
}

/** Benjamini-Hochberg step-up (stand-in for pAdjust(p, "BH") of @biomarker/multiple-testing, O(m log m)). */
function bh(pValues: (number | null)[]): number[] {
  const p = pValues.map((v) => v ?? 1);
  const m = p.length;
  const order = p.map((_, i) => i).sort((i, j) => p[j] - p[i]);
  const adjusted = new Array<number>(m);
  let running = 1;
  order.forEach((i, k) => {
    running = Math.min(running, (p[i] * m) / (m - k));
    adjusted[i] = running;
  });
  return adjusted;
}

// The report's association section: 100 features x 4 outcomes on a 6-subject x 10-visit cohort, within model.
function longitudinal(features: number, seed: number) {
  const rng = createRandomStream(seed);
  const subject = Array.from({ length: 60 }, (_, r) => `S${Math.floor(r / 10)}`);
  const visit = Array.from({ length: 60 }, (_, r) => `V${r % 10}`);
  const column = () => visit.map((_, r) => Math.exp(-(r % 10) / 3) + rng.nextNormal());
  const x = Object.fromEntries(Array.from({ length: features }, (_, f) => [`feature${f}`, column()]));
  const y = { sledai: column(), c3: column(), c4: column(), dsdna: column() };
  return { x, y, subject, visit };
}
const cohort = longitudinal(100, 13);

// 300 features x 5 clinical variables, 10 observations with 0-4 missing per feature: n = 6..10.
const small = simulate(300, 10, (f) => f % 5, 11);
// 20,000 (quick: 2,000) features x 5 clinical variables, n = 30 with ~2 missing per feature, so nearly
// every pair has its own tie pattern (the worst case for sharing Monte Carlo samples).
const large = simulate(quick ? 2_000 : 20_000, 30, () => 2, 12);

await runBenchmarks("@biomarker/correlation", [
  {
    name: "within model (REML + Satterthwaite), 100 features x 4 outcomes, 6 subjects x 10 visits, + BH",
    run: () => correlationMatrix(cohort, { method: "within", adjust: bh }).length,
    iterations: 1,
    targetMs: 2_000,
    r: `suppressPackageStartupMessages(library(lmerTest)); set.seed(1); d <- expand.grid(v = factor(1:10), s = factor(1:6))
t <- system.time(for (i in 1:400) { d$x <- rnorm(60); d$y <- rnorm(60); d$xb <- ave(d$x, d$s); d$xw <- d$x - d$xb
  coef(summary(lmer(y ~ v + xw + xb + (1 | s), data = d)))["xw", 5] })
print(t[["elapsed"]])`,
  },
  {
    name: "spearman exact p, 300 features x 5 clinical, n = 6-10, + BH (cold null cache)",
    run: () => {
      clearSpearmanNullCache();
      return correlationMatrix(small, { method: "spearman", pValue: "exact", adjust: bh });
    },
    iterations: 5,
    targetMs: 200,
    r: `set.seed(1); n <- 10; X <- matrix(rnorm(300 * n), 300); Y <- matrix(rnorm(5 * n), 5)
t <- system.time({ p <- c(); for (i in 1:300) for (j in 1:5) p <- c(p, suppressWarnings(cor.test(X[i, ], Y[j, ], method = "spearman"))$p.value); p.adjust(p, "BH") })
print(t[["elapsed"]])`,
  },
  {
    name: "spearman exact p, 300 features x 5 clinical, n = 6-10, + BH (warm null cache)",
    run: () => correlationMatrix(small, { method: "spearman", pValue: "exact", adjust: bh }),
    iterations: 20,
    targetMs: 200,
  },
  {
    name: `spearman permutation p (B = 10,000), ${quick ? "2,000" : "20,000"} features x 5 clinical, n = 28-30`,
    run: () => {
      clearSpearmanNullCache();
      return correlationMatrix(large, { method: "spearman", pValue: "permutation", permutations: 10_000, seed: 1 }).length;
    },
    iterations: 1,
    targetMs: quick ? 6_000 : 60_000,
  },
]);
