import { runBenchmarks } from "@biomarker/bench-harness";
import { createRandomStream } from "@biomarker/numerics";
import { bootstrap, featureCorrelationStatistic, rmcorrStatistic } from "../src/index.js";

const quick = process.env.BIOMARKER_BENCH_QUICK === "1";
const SUBJECTS = 6;
const VISITS = 11;
const FEATURES = 300;
const REPLICATES = 10_000;

/** 6 subjects: one landmark change per subject (Spearman) and 11 visits per subject (rmcorr), 300 features. */
function simulated() {
  const rng = createRandomStream(2026);
  const subjects = Array.from({ length: SUBJECTS }, (_, s) => `S${s + 1}`);
  const change = {
    subjects,
    outcome: subjects.map(() => rng.nextNormal()),
    features: Array.from({ length: FEATURES }, (_, f) => ({ name: `f${f}`, values: subjects.map(() => rng.nextNormal()) })),
  };
  const subject = subjects.flatMap((s) => Array<string>(VISITS).fill(s));
  const activity = subject.map(() => rng.nextNormal());
  const longitudinal = {
    subject,
    outcome: activity,
    features: Array.from({ length: FEATURES }, (_, f) => ({
      name: `f${f}`,
      values: activity.map((a) => (f % 10 === 0 ? 0.5 * a : 0) + rng.nextNormal()),
    })),
  };
  return { change, longitudinal };
}

const data = simulated();

await runBenchmarks("@biomarker/bootstrap", [
  {
    name: `${REPLICATES} subject resamples x ${FEATURES} features: Spearman (landmark change) + rmcorr (${VISITS} visits)`,
    run: () => {
      bootstrap(featureCorrelationStatistic("spearman", data.change), { replicates: REPLICATES, seed: 1 });
      bootstrap(rmcorrStatistic(data.longitudinal), { replicates: REPLICATES, seed: 1 });
    },
    iterations: quick ? 1 : 3,
    targetMs: 5000,
    // R: the same resampling with cor(method = "spearman") over the 300 columns at once, plus rmcorr
    // from the within-subject sums; prints seconds per iteration.
    r: `set.seed(1); n <- ${SUBJECTS}; m <- ${FEATURES}; v <- ${VISITS}
X <- matrix(rnorm(n * m), n); y <- rnorm(n)
subj <- rep(1:n, each = v); L <- matrix(rnorm(n * v * m), n * v); ly <- rnorm(n * v)
cx <- apply(L, 2, function(col) col - ave(col, subj)); cy <- ly - ave(ly, subj)
Sxy <- rowsum(cx * cy, subj); Sxx <- rowsum(cx^2, subj); Syy <- as.vector(rowsum(cy^2, subj))
t <- system.time(for (r in 1:${REPLICATES}) {
  i <- sample.int(n, n, TRUE); suppressWarnings(cor(y[i], X[i, ], method = "spearman"))
  c <- tabulate(i, n); colSums(c * Sxy) / sqrt(colSums(c * Sxx) * sum(c * Syy))
})[["elapsed"]]
cat(t, "\\n")`,
  },
]);
