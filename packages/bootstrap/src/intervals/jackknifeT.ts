import { studentTQuantile } from "@biomarker/numerics";

/**
 * Jackknife-t interval: u_0 -/+ t_{n-1, 1 - alpha/2} se_J on the interval scale u = g(t), with the
 * jackknife SE of the leave-one-unit-out values u_(i) (Tukey 1958; Efron & Tibshirani 1993, eq. 11.5):
 *   se_J^2 = (n - 1) / n * sum_i (u_(i) - ubar)^2.
 * For a mean se_J = s / sqrt(n), so this is Student's t interval. Null when a u_(i) is undefined or infinite.
 */
export function jackknifeTInterval(u0: number, leaveOneOut: ArrayLike<number>, tail: number): { interval: [number, number]; stdError: number } | null {
  const n = leaveOneOut.length;
  if (n < 2 || !Number.isFinite(u0)) return null;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(leaveOneOut[i])) return null;
    mean += leaveOneOut[i] / n;
  }
  let s = 0;
  for (let i = 0; i < n; i++) s += (leaveOneOut[i] - mean) ** 2;
  const stdError = Math.sqrt(((n - 1) / n) * s);
  const margin = studentTQuantile(1 - tail, n - 1) * stdError;
  return { interval: [u0 - margin, u0 + margin], stdError };
}
