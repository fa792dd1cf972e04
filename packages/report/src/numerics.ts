import * as numerics from "@biomarker/numerics";

/**
 * The few @biomarker/numerics functions the report needs, looked up at run time so the report keeps
 * working while that package is being built. `numericsProvider` says which implementation ran; it is
 * recorded in the methods appendix. The local fallbacks are removed once numerics exports them.
 */
type Numerics = {
  roundSignificant?: (x: number, digits: number) => number;
  formatNumber?: (x: number | null, digits?: number) => string;
  normalQuantile?: (p: number) => number;
};
const provided = numerics as unknown as Numerics;

export const numericsProvider: string =
  provided.roundSignificant && provided.formatNumber && provided.normalQuantile
    ? "@biomarker/numerics"
    : "report fallback (numerics not yet available)";

/** x rounded to `digits` significant digits; -0 becomes 0. */
export function roundSignificant(x: number, digits: number): number {
  if (provided.roundSignificant) return provided.roundSignificant(x, digits);
  if (x === 0 || !Number.isFinite(x)) return x === 0 ? 0 : x;
  const r = Number(x.toPrecision(digits));
  return r === 0 ? 0 : r;
}

/** Fixed significant digits for display; null, NaN and infinities as documented by numerics. */
export function formatNumber(x: number | null, digits = 3): string {
  if (provided.formatNumber) return provided.formatNumber(x, digits);
  if (x === null || Number.isNaN(x)) return "NA";
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : "-Inf";
  const r = roundSignificant(x, digits);
  const abs = Math.abs(r);
  return abs !== 0 && (abs >= 1e6 || abs < 1e-4) ? r.toExponential(digits - 1) : r.toPrecision(digits);
}

/** Standard normal quantile. Fallback: Acklam's rational approximation (relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (provided.normalQuantile) return provided.normalQuantile(p);
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q = Math.min(p, 1 - p);
  let x: number;
  if (q > 0.02425) {
    const u = p - 0.5;
    const r = u * u;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * u) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const u = Math.sqrt(-2 * Math.log(q));
    x = (((((c[0] * u + c[1]) * u + c[2]) * u + c[3]) * u + c[4]) * u + c[5]) / ((((d[0] * u + d[1]) * u + d[2]) * u + d[3]) * u + 1);
    if (p > 0.5) x = -x;
  }
  return x;
}
