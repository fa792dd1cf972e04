import { checkOptions } from "@biomarker/numerics";
import { MultipleTestingInputError } from "../errors.js";
import { orderDescending, restoreMissing, splitMissing } from "../padjust/missing.js";
import { localFdr, type LocalFdrOptions } from "./localFdr.js";
import { estimatePi0, type Pi0Options, pi0OptionSpec } from "./pi0.js";

export interface QvalueOptions extends Pi0Options {
  /** Use this pi0 in (0, 1] instead of estimating it. */
  pi0?: number;
  /** Positive FDR q-values (Storey 2002): divide by 1 - (1 - p)^m, for small-p, few-test settings. */
  pfdr?: boolean;
  /** If given, `significant` flags q <= fdrLevel. */
  fdrLevel?: number;
  /** Also estimate local FDRs (qvalue's lfdr.out; off by default here): true or lfdr options. */
  lfdr?: boolean | LocalFdrOptions;
}

export interface QvalueResult {
  pi0: number;
  /** q-values in input order; null where the p-value was missing. */
  qvalues: (number | null)[];
  significant: (boolean | null)[] | null;
  /** Local FDRs in input order when requested, else null. */
  lfdr: (number | null)[] | null;
  lambda: Float64Array | null;
  pi0Lambda: Float64Array | null;
  pi0Smooth: Float64Array | null;
}

/**
 * Storey q-values as qvalue 2.30 (Storey & Tibshirani 2003, PNAS 100:9440): with p_(1) <= ... <= p_(m),
 *   q_(i) = pi0 min_{j >= i} min(1, p_(j) m / j)
 * and, with pfdr, p_(j) m / (j (1 - (1 - p_(j))^m)). Missing p-values (null/NaN) stay in place and are not
 * counted. Local FDRs (localFdr.ts) are computed on request.
 */
export function qvalue(p: ArrayLike<number | null | undefined>, options: QvalueOptions = {}): QvalueResult {
  checkOptions("qvalue", options, { ...pi0OptionSpec, pi0: "number", pfdr: "boolean", fdrLevel: "number", lfdr: "any" });
  const present = splitMissing(p);
  const values = present.values;
  const m = values.length;
  if (m === 0) throw new MultipleTestingInputError("q-values need at least one non-missing p-value");
  if (options.fdrLevel !== undefined && !(options.fdrLevel > 0 && options.fdrLevel <= 1)) {
    throw new MultipleTestingInputError("fdrLevel must lie in (0, 1]");
  }
  let pi0: number;
  let estimate = null;
  if (options.pi0 === undefined) {
    const { pi0: _pi0, pfdr: _pfdr, fdrLevel: _fdrLevel, lfdr: _lfdr, ...pi0Options } = options;
    estimate = estimatePi0(values, pi0Options);
    pi0 = estimate.pi0;
  } else {
    if (!(options.pi0 > 0 && options.pi0 <= 1)) throw new MultipleTestingInputError("pi0 must lie in (0, 1]");
    pi0 = options.pi0;
  }

  const order = orderDescending(values);
  const q = new Float64Array(m);
  let running = Infinity;
  for (let k = 0; k < m; k++) {
    const v = values[order[k]];
    const rank = m - k;
    const ratio = options.pfdr ? (v * m) / (rank * (1 - Math.pow(1 - v, m))) : (v * m) / rank;
    running = Math.min(running, ratio);
    q[order[k]] = pi0 * Math.min(1, running);
  }
  const qvalues = restoreMissing(present, q);
  const level = options.fdrLevel;
  return {
    pi0,
    qvalues,
    significant: level === undefined ? null : qvalues.map((v) => (v === null ? null : v <= level)),
    lfdr: options.lfdr ? restoreMissing(present, localFdr(values, pi0, options.lfdr === true ? {} : options.lfdr)) : null,
    lambda: estimate?.lambda ?? null,
    pi0Lambda: estimate?.pi0Lambda ?? null,
    pi0Smooth: estimate?.pi0Smooth ?? null,
  };
}
