import type { ResampleStatistic } from "../statistic.js";

/** The scale on which per-resample standard errors are computed: the statistic, or its Fisher z = atanh. */
export type StdErrorScale = "identity" | "fisher-z";

/**
 * Jackknife standard error of every output on the resample `counts`, the statistic's SE for the
 * studentized (bootstrap-t) interval. The resample is the expanded sample of m = sum c_i units; leaving
 * out one copy of unit i gives the counts c - e_i, and that deletion occurs c_i times, so with
 * u_i = g(theta(c - e_i)) and ubar = sum c_i u_i / m (Efron & Tibshirani 1993, eq. 11.5):
 *   se^2 = (m - 1) / m * sum_i c_i (u_i - ubar)^2,
 * where g is the identity or atanh (scale "fisher-z"). NaN where a needed deletion value is undefined or
 * infinite. `counts` is restored before returning.
 */
export function nestedJackknifeStdErrors(
  statistic: ResampleStatistic,
  counts: Int32Array,
  scale: StdErrorScale,
  out: Float64Array,
  scratch: Float64Array = new Float64Array(statistic.names.length * statistic.unitCount),
): void {
  const n = statistic.unitCount;
  const outputs = statistic.names.length;
  const deleted = new Float64Array(outputs);
  let m = 0;
  for (let i = 0; i < n; i++) m += counts[i];
  for (let i = 0; i < n; i++) {
    if (counts[i] === 0) continue;
    counts[i]--;
    statistic.evaluate(counts, deleted);
    counts[i]++;
    for (let j = 0; j < outputs; j++) scratch[j * n + i] = scale === "fisher-z" ? Math.atanh(deleted[j]) : deleted[j];
  }
  for (let j = 0; j < outputs; j++) {
    let mean = 0;
    let defined = m > 1;
    for (let i = 0; i < n && defined; i++) {
      if (counts[i] === 0) continue;
      const u = scratch[j * n + i];
      if (!Number.isFinite(u)) defined = false;
      mean += (counts[i] * u) / m;
    }
    if (!defined) {
      out[j] = Number.NaN;
      continue;
    }
    let s = 0;
    for (let i = 0; i < n; i++) if (counts[i] > 0) s += counts[i] * (scratch[j * n + i] - mean) ** 2;
    out[j] = Math.sqrt(((m - 1) / m) * s);
  }
}
