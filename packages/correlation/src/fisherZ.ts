import { normalQuantile } from "@biomarker/numerics";
import type { Alternative } from "./types.js";

/**
 * Fisher-z interval tanh(atanh(r) -+ z_{(1+level)/2} / sqrt(nEffective - 3)) (Fisher 1921), as R's
 * cor.test (nEffective = n) and rmcorr (nEffective = df + 2); one-sided as cor.test: [-1, tanh(atanh(r) +
 * z_level / sqrt(nEffective - 3))] for "less", [tanh(atanh(r) - z_level / ...), 1] for "greater". Null
 * when nEffective <= 3.
 */
export function fisherZInterval(
  r: number,
  nEffective: number,
  confLevel: number,
  alternative: Alternative = "two.sided",
): { lower: number | null; upper: number | null } {
  if (!(nEffective > 3)) return { lower: null, upper: null };
  const z = Math.atanh(r);
  const se = 1 / Math.sqrt(nEffective - 3);
  if (alternative === "less") return { lower: -1, upper: Math.tanh(z + normalQuantile(confLevel) * se) };
  if (alternative === "greater") return { lower: Math.tanh(z - normalQuantile(confLevel) * se), upper: 1 };
  const half = normalQuantile((1 + confLevel) / 2) * se;
  return { lower: Math.tanh(z - half), upper: Math.tanh(z + half) };
}
