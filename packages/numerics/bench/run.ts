import { runBenchmarks } from "@biomarker/bench-harness";
import {
  chiSquareSf,
  cholesky,
  createRandomStream,
  fSf,
  midRanks,
  minimizeBounded,
  qrColumnPivoting,
  studentTQuantile,
  studentTSf,
} from "../src/index.js";

const quick = process.env.BIOMARKER_BENCH_QUICK === "1";
const calls = quick ? 10_000 : 100_000;

const stream = createRandomStream(20261125);
const tValues = Float64Array.from({ length: calls }, () => 10 * (stream.nextDouble() - 0.5));
const probabilities = Float64Array.from({ length: calls / 10 }, () => stream.nextDouble());
const rankInput = Float64Array.from({ length: calls }, () => stream.nextInt(1000));

/** A 3-parameter, deviance-sized objective with an interior optimum at (0.8, 0.1, 0.4) (theta-like). */
const objective = (x: Float64Array): number =>
  1500 + 30 * Math.log(1 + (x[0] - 0.8) ** 2 + (x[1] - 0.1) ** 2) + 20 * (x[2] - 0.4) ** 2 + 5 * (x[0] - 0.8) * (x[2] - 0.4);
const objectiveR =
  "f <- function(x) 1500 + 30*log(1 + (x[1]-0.8)^2 + (x[2]-0.1)^2) + 20*(x[3]-0.4)^2 + 5*(x[1]-0.8)*(x[3]-0.4)";

const n = 180;
const p = 12;
const design = Float64Array.from({ length: n * p }, (_, k) => (k < n ? 1 : stream.nextNormal()));
const gram = new Float64Array(p * p);
for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) for (let r = 0; r < n; r++) gram[i + j * p] += design[r + i * n] * design[r + j * n];

let optimizerEvaluations = 0;
await runBenchmarks("@biomarker/numerics", [
  {
    name: `studentTSf + fSf + chiSquareSf, ${calls} values each`,
    iterations: 5,
    run: () => {
      let s = 0;
      for (let i = 0; i < calls; i++) s += studentTSf(tValues[i], 5) + fSf(tValues[i] ** 2, 3, 12) + chiSquareSf(tValues[i] ** 2, 4);
      return s;
    },
    r: `x <- runif(${calls}, -5, 5); t <- system.time(for (i in 1:5) { pt(x, 5, lower.tail = FALSE); pf(x^2, 3, 12, lower.tail = FALSE); pchisq(x^2, 4, lower.tail = FALSE) })[["elapsed"]] / 5; cat(t, "\\n")`,
  },
  {
    name: `studentTQuantile, ${calls / 10} values`,
    iterations: 5,
    run: () => {
      let s = 0;
      for (let i = 0; i < probabilities.length; i++) s += studentTQuantile(probabilities[i], 7);
      return s;
    },
    r: `p <- runif(${calls / 10}); t <- system.time(for (i in 1:5) qt(p, 7))[["elapsed"]] / 5; cat(t, "\\n")`,
  },
  {
    name: "minimizeBounded, 3 parameters (theta-like, bound 0 on two), to xTolAbs 1e-8",
    iterations: quick ? 20 : 200,
    run: () => {
      const r = minimizeBounded(objective, [1, 0, 1], [0, -Infinity, 0], [Infinity, Infinity, Infinity]);
      optimizerEvaluations = r.evaluations;
      return r;
    },
    r: `suppressMessages(library(lme4)); ${objectiveR}; t <- system.time(for (i in 1:200) nloptwrap(c(1, 0, 1), f, c(0, -Inf, 0), c(Inf, Inf, Inf)))[["elapsed"]] / 200; cat(t, "\\n")`,
  },
  {
    name: `random stream: ${calls * 10} nextDouble`,
    iterations: 3,
    run: () => {
      const s = createRandomStream(1);
      let sum = 0;
      for (let i = 0; i < calls * 10; i++) sum += s.nextDouble();
      return sum;
    },
    r: `set.seed(1); t <- system.time(for (i in 1:3) runif(${calls * 10}))[["elapsed"]] / 3; cat(t, "\\n")`,
  },
  {
    name: `midRanks, ${calls} values with ties`,
    iterations: 5,
    run: () => midRanks(rankInput),
    r: `x <- sample(1000, ${calls}, replace = TRUE); t <- system.time(for (i in 1:5) rank(x))[["elapsed"]] / 5; cat(t, "\\n")`,
  },
  {
    name: `qrColumnPivoting ${n} x ${p} + cholesky ${p} x ${p}`,
    iterations: quick ? 200 : 2000,
    run: () => [qrColumnPivoting(design, n, p).rank, cholesky(gram, p).rank],
    r: `X <- cbind(1, matrix(rnorm(${n * (p - 1)}), ${n})); A <- crossprod(X); t <- system.time(for (i in 1:2000) { qr(X); chol(A) })[["elapsed"]] / 2000; cat(t, "\\n")`,
  },
]);
process.stdout.write(`minimizeBounded: ${optimizerEvaluations} evaluations on the 3-parameter problem (lme4 nloptwrap: 34, stopping ~2e-6 from the optimum)\n`);
