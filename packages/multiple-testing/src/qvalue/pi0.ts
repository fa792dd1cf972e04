import { checkOptions, createRandomStream } from "@biomarker/numerics";
import { MultipleTestingInputError } from "../errors.js";
import { quantileType7 } from "../quantileType7.js";
import { predictSmoothingSpline, smoothingSpline } from "../spline/smoothingSpline.js";

export type Pi0Method = "smoother" | "bootstrap" | "resampling-bootstrap";

export interface Pi0Options {
  /** Tuning grid; default seq(0.05, 0.95, 0.05) as qvalue. One value gives the plain Storey (2002) estimate. */
  lambda?: ArrayLike<number>;
  /**
   * "smoother" (default), "bootstrap" (qvalue 2.30's closed-form mean-squared-error choice) or
   * "resampling-bootstrap" (Storey, Taylor & Siegmund 2004: the MSE estimated from seeded resamples).
   */
  method?: Pi0Method;
  /** Resamples for "resampling-bootstrap" (default 100, as qvalue 1.x). */
  bootstrapSamples?: number;
  /** Seed for "resampling-bootstrap" (default 1); same seed and input give the same pi0. */
  seed?: number;
  /** Degrees of freedom of the smoothing spline (default 3). */
  smoothDf?: number;
  /** Smooth log pi0(lambda) instead of pi0(lambda) (default false). */
  smoothLogPi0?: boolean;
}

export interface Pi0Estimate {
  pi0: number;
  lambda: Float64Array;
  /** pi0(lambda) = #{p >= lambda} / (m (1 - lambda)) at each lambda. */
  pi0Lambda: Float64Array;
  /** The smoother's fitted values at each lambda (method "smoother" with several lambdas), else null. */
  pi0Smooth: Float64Array | null;
}

/** The options estimatePi0 accepts (qvalue accepts these and its own). */
export const pi0OptionSpec = {
  lambda: "array",
  method: ["smoother", "bootstrap", "resampling-bootstrap"],
  bootstrapSamples: "integer",
  seed: "number",
  smoothDf: "number",
  smoothLogPi0: "boolean",
} as const;

/** R's seq(0.05, 0.95, 0.05): from + i by, capped at `to`. */
export function defaultLambdaGrid(): Float64Array {
  return Float64Array.from({ length: 19 }, (_, i) => Math.min(0.05 + i * 0.05, 0.95));
}

/**
 * Proportion of true null hypotheses, as qvalue 2.30's pi0est (Storey & Tibshirani 2003, PNAS 100:9440,
 * Remark B; Storey, Taylor & Siegmund 2004, JRSS B 66:187, section 6):
 *   pi0(lambda) = #{p_i >= lambda} / (m (1 - lambda)),
 * "smoother": a cubic smoothing spline with `smoothDf` degrees of freedom through (lambda, pi0(lambda)),
 *   evaluated at the largest lambda, capped at 1;
 * "bootstrap": the lambda minimising the estimated mean squared error
 *   MSE(lambda) = W / (m^2 (1 - lambda)^2) (1 - W / m) + (pi0(lambda) - q_0.1)^2,
 *   W = #{p >= lambda}, q_0.1 the 10 % quantile of the pi0(lambda); qvalue 2.30 uses this closed form (no
 *   resampling), so the result is deterministic and identical to R;
 * "resampling-bootstrap": Storey, Taylor & Siegmund (2004, section 6): B resamples p* of the p-values with
 *   replacement, MSE(lambda) = sum_b (pi0*(lambda) - min_lambda' pi0(lambda'))^2, drawn from a seeded
 *   @biomarker/numerics stream (R's qvalue 1.x did this with R's RNG, so R's numbers cannot be reproduced).
 *   Its expectation is B [W / (m^2 (1 - lambda)^2) (1 - W / m) + (pi0(lambda) - min pi0)^2].
 * `p` are the non-missing p-values.
 */
export function estimatePi0(p: ArrayLike<number>, options: Pi0Options = {}): Pi0Estimate {
  checkOptions("estimatePi0", options, pi0OptionSpec);
  const m = p.length;
  if (m === 0) throw new MultipleTestingInputError("pi0 needs at least one non-missing p-value");
  const lambda = Float64Array.from(options.lambda ?? defaultLambdaGrid()).sort();
  const ll = lambda.length;
  if (ll === 0 || (ll > 1 && ll < 4)) {
    throw new MultipleTestingInputError(`pi0: give one lambda or at least four (got ${ll})`);
  }
  if (!(lambda[0] >= 0 && lambda[ll - 1] < 1)) throw new MultipleTestingInputError("pi0: lambda must lie in [0, 1)");

  const atLeast = countAtLeast(p, lambda);
  if (ll === 1) {
    const value = atLeast[0] / m / (1 - lambda[0]);
    return checked({ pi0: Math.min(value, 1), lambda, pi0Lambda: Float64Array.of(value), pi0Smooth: null });
  }
  const pi0Lambda = Float64Array.from(atLeast, (w, k) => w / (m * (1 - lambda[k])));

  if ((options.method ?? "smoother") === "smoother") {
    const logScale = options.smoothLogPi0 ?? false;
    const y = logScale ? pi0Lambda.map(Math.log) : pi0Lambda;
    if (!y.every(Number.isFinite)) {
      throw new MultipleTestingInputError("pi0: log pi0(lambda) is -Infinity (no p-value above the largest lambda)");
    }
    const fit = smoothingSpline(lambda, y, { df: options.smoothDf ?? 3 });
    const smooth = lambda.map((l) => predictSmoothingSpline(fit, l));
    const pi0Smooth = logScale ? smooth.map(Math.exp) : smooth;
    return checked({ pi0: Math.min(pi0Smooth[ll - 1], 1), lambda, pi0Lambda, pi0Smooth });
  }

  const mse =
    options.method === "resampling-bootstrap"
      ? resampledMse(p, lambda, pi0Lambda, options.bootstrapSamples ?? 100, options.seed ?? 1)
      : closedFormMse(atLeast, m, lambda, pi0Lambda);
  let best = Infinity;
  for (const value of mse) best = Math.min(best, value);
  let pi0 = Infinity;
  for (let k = 0; k < ll; k++) if (mse[k] === best) pi0 = Math.min(pi0, pi0Lambda[k]);
  return checked({ pi0: Math.min(pi0, 1), lambda, pi0Lambda, pi0Smooth: null });
}

/** qvalue 2.30: W / (m^2 (1 - lambda)^2) (1 - W / m) + (pi0(lambda) - q_0.1)^2. */
function closedFormMse(atLeast: Float64Array, m: number, lambda: Float64Array, pi0Lambda: Float64Array): Float64Array {
  const minPi0 = quantileType7(pi0Lambda.slice().sort(), 0.1);
  return Float64Array.from(atLeast, (w, k) => {
    const oneMinus = 1 - lambda[k];
    return (w / (m * m * (oneMinus * oneMinus))) * (1 - w / m) + (pi0Lambda[k] - minPi0) ** 2;
  });
}

/** sum_b (pi0*_b(lambda) - min pi0)^2 over `samples` seeded resamples of the p-values. */
export function resampledMse(p: ArrayLike<number>, lambda: Float64Array, pi0Lambda: Float64Array, samples: number, seed: number): Float64Array {
  if (!(Number.isInteger(samples) && samples >= 1)) {
    throw new MultipleTestingInputError(`bootstrapSamples = ${samples} must be a positive integer`);
  }
  const m = p.length;
  let minPi0 = Infinity;
  for (const v of pi0Lambda) minPi0 = Math.min(minPi0, v);
  const stream = createRandomStream(seed);
  const resample = new Float64Array(m);
  const mse = new Float64Array(lambda.length);
  for (let b = 0; b < samples; b++) {
    for (let i = 0; i < m; i++) resample[i] = p[stream.nextInt(m)];
    const counts = countAtLeast(resample, lambda);
    for (let k = 0; k < lambda.length; k++) mse[k] += (counts[k] / (m * (1 - lambda[k])) - minPi0) ** 2;
  }
  return mse;
}

/** W_k = #{p_i >= lambda_k} for ascending lambda. */
function countAtLeast(p: ArrayLike<number>, lambda: Float64Array): Float64Array {
  const counts = new Float64Array(lambda.length);
  for (let i = 0; i < p.length; i++) {
    for (let k = 0; k < lambda.length && lambda[k] <= p[i]; k++) counts[k]++;
  }
  return counts;
}

function checked(estimate: Pi0Estimate): Pi0Estimate {
  if (!(estimate.pi0 > 0)) {
    throw new MultipleTestingInputError(
      "the estimated pi0 is <= 0: check the p-values or use a different range of lambda",
    );
  }
  return estimate;
}
