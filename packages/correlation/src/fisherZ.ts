import { normalQuantile } from "@biomarker/numerics";

/**
 * Fisher-z interval tanh(atanh(r) -+ z_{(1+level)/2} / sqrt(nEffective - 3)) (Fisher 1921), as R's
 * cor.test (nEffective = n) and rmcorr (nEffective = df + 2). Null when nEffective <= 3.
 */
export function fisherZInterval(r: number, nEffective: number, confLevel: number): { lower: number | null; upper: number | null } {
  if (!(nEffective > 3)) return { lower: null, upper: null };
  const z = Math.atanh(r);
  const half = normalQuantile((1 + confLevel) / 2) / Math.sqrt(nEffective - 3);
  return { lower: Math.tanh(z - half), upper: Math.tanh(z + half) };
}
