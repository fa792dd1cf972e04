import { runBenchmarks } from "@biomarker/bench-harness";
import { createRandomStream } from "@biomarker/numerics";
import { discreteBH, pAdjust, qvalue, type DiscreteTest } from "../src/index.js";
import { permutations, spearmanExact } from "../test/spearmanNull.js";

const quick = process.env.BIOMARKER_BENCH_QUICK === "1";
const m = quick ? 5_000 : 20_000;
const discreteM = quick ? 300 : 1_500;

/** p-values from a 90 % null / 10 % shifted-normal mixture. */
function mixture(count: number, seed: number): number[] {
  const rng = createRandomStream(seed);
  return Array.from({ length: count }, (_, i) => {
    const z = rng.nextNormal() + (i % 10 === 0 ? 3 : 0);
    return Math.min(1, 2 * (1 - normalCdfApprox(Math.abs(z))));
  });
}

/** Logistic approximation of the normal CDF: enough to shape benchmark input. */
function normalCdfApprox(z: number): number {
  return 1 / (1 + Math.exp(-1.702 * z));
}

/** Spearman tests at n = 6 (exact conditional supports; about half the features censored with ties). */
function spearmanTests(count: number, seed: number): DiscreteTest[] {
  const rng = createRandomStream(seed);
  const perms = permutations(6);
  const x = Array.from({ length: 6 }, () => rng.nextNormal());
  const cache = new Map<string, DiscreteTest>();
  return Array.from({ length: count }, (_, j) => {
    let y = x.map((xi) => (j % 10 === 0 ? 3 * xi : 0) + rng.nextNormal());
    if (rng.nextDouble() < 0.5) {
      const lloq = [...y].sort((a, b) => a - b)[1 + rng.nextInt(3)];
      y = y.map((v) => Math.max(v, lloq));
    }
    const ranksKey = y.map((v) => y.filter((w) => w < v).length).join(",");
    let test = cache.get(ranksKey);
    if (test === undefined) {
      test = spearmanExact(x, y, perms);
      cache.set(ranksKey, test);
    }
    return test;
  });
}

/** Heterogeneous discrete tests: every test its own support (20-60 attainable values), as Fisher's tests. */
function heterogeneousTests(count: number, seed: number): DiscreteTest[] {
  const rng = createRandomStream(seed);
  return Array.from({ length: count }, () => {
    const size = 20 + rng.nextInt(40);
    const values = new Set<number>([1]);
    while (values.size < size) values.add(Math.exp(-12 * rng.nextDouble()));
    const support = [...values].sort((a, b) => a - b);
    return { pValue: support[rng.nextInt(support.length)], support };
  });
}

const p = mixture(m, 1);
const heterogeneous = heterogeneousTests(discreteM, 3);
const tests = spearmanTests(discreteM, 2);
const rSetup = `set.seed(1); m <- ${m}; z <- rnorm(m) + ifelse(seq_len(m) %% 10 == 1, 3, 0); p <- 2 * pnorm(-abs(z))`;

await runBenchmarks("@biomarker/multiple-testing", [
  {
    name: `pAdjust BH, ${m} p-values`,
    run: () => pAdjust(p, "BH"),
    iterations: 20,
    targetMs: 20,
    r: `${rSetup}; cat(system.time(for (i in 1:20) p.adjust(p, "BH"))[["elapsed"]] / 20, "\\n")`,
  },
  {
    name: `pAdjust hommel, ${m} p-values`,
    run: () => pAdjust(p, "hommel"),
    iterations: 1,
    targetMs: 2000,
    r: `${rSetup}; cat(system.time(p.adjust(p, "hommel"))[["elapsed"]], "\\n")`,
  },
  {
    name: `qvalue (smoother pi0), ${m} p-values`,
    run: () => qvalue(p),
    iterations: 10,
    targetMs: 50,
    r: `suppressMessages(library(qvalue)); ${rSetup}; cat(system.time(for (i in 1:10) qvalue(p, lfdr.out = FALSE))[["elapsed"]] / 10, "\\n")`,
  },
  {
    name: `DBH step-up, ${discreteM} Spearman tests at n = 6`,
    run: () => discreteBH(tests, { direction: "step-up" }),
    iterations: 10,
    targetMs: 200,
  },
  {
    name: `DBH step-down, ${discreteM} Spearman tests at n = 6`,
    run: () => discreteBH(tests, { direction: "step-down" }),
    iterations: 10,
    targetMs: 200,
  },
  {
    name: `DBH step-down, ${discreteM} tests with distinct supports`,
    run: () => discreteBH(heterogeneous, { direction: "step-down" }),
    iterations: 3,
    targetMs: 1000,
  },
  {
    name: `adaptive DBH step-up, ${discreteM} Spearman tests at n = 6`,
    run: () => discreteBH(tests, { direction: "step-up", adaptive: true }),
    iterations: 3,
    targetMs: 1000,
  },
]);
