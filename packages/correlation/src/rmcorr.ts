import { checkOptions } from "@biomarker/numerics";
import { CorrelationInputError } from "./errors.js";
import { correlationTTest } from "./correlationTTest.js";
import type { NumericColumn } from "./pairs.js";
import type { CorrelationResult } from "./types.js";
import { type Alternative, undefinedResult } from "./types.js";

export interface RmcorrOptions {
  /** Default 0.95. */
  confLevel?: number;
  /** Default "two.sided"; one-sided p from t(df) and a one-sided Fisher-z interval. */
  alternative?: Alternative;
  censoredX?: ArrayLike<boolean>;
  censoredY?: ArrayLike<boolean>;
}

/**
 * Repeated-measures correlation (Bakdash & Marusich 2017, Front. Psychol. 8:456): the common
 * within-subject association from the ANCOVA y ~ subject + x. With xc, yc centred on each subject's
 * mean (complete pairs only),
 *   r = sum xc yc / sqrt(sum xc^2 sum yc^2)   (= sign(slope) sqrt(SS_x / (SS_x + SS_residual))),
 *   df = N - k - 1 (N observations, k subjects),  t = r sqrt(df / (1 - r^2)),
 * and the Fisher-z interval with n_eff = df + 2 (rmcorr >= 0.5.4).
 */
export function repeatedMeasuresCorrelation(
  subject: ArrayLike<string | number>,
  x: NumericColumn,
  y: NumericColumn,
  options: RmcorrOptions = {},
): CorrelationResult {
  checkOptions("repeatedMeasuresCorrelation", options, { confLevel: "number", alternative: ["two.sided", "less", "greater"], censoredX: "array", censoredY: "array" });
  const confLevel = options.confLevel ?? 0.95;
  if (subject.length !== x.length || x.length !== y.length) {
    throw new CorrelationInputError(`subject, x and y must have the same length (${subject.length}, ${x.length}, ${y.length})`);
  }
  const groups = new Map<string, { x: number[]; y: number[] }>();
  let n = 0;
  let censored = false;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const yi = y[i];
    if (options.censoredX?.[i] === true || options.censoredY?.[i] === true) {
      censored = true;
      continue;
    }
    if (xi === null || yi === null || !Number.isFinite(xi) || !Number.isFinite(yi)) continue;
    const key = String(subject[i]);
    let g = groups.get(key);
    if (g === undefined) {
      g = { x: [], y: [] };
      groups.set(key, g);
    }
    g.x.push(xi);
    g.y.push(yi);
    n++;
  }
  if (censored) {
    return undefinedResult("rmcorr", n, confLevel, "censored values (below the LLOQ) have no value for the ANCOVA; use a rank method");
  }
  const k = groups.size;
  const df = n - k - 1;
  if (df < 1) return undefinedResult("rmcorr", n, confLevel, `df = N - k - 1 = ${df}; need more observations per subject`);
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const g of groups.values()) {
    const mx = g.x.reduce((s, v) => s + v, 0) / g.x.length;
    const my = g.y.reduce((s, v) => s + v, 0) / g.y.length;
    for (let i = 0; i < g.x.length; i++) {
      const dx = g.x[i] - mx;
      const dy = g.y[i] - my;
      sxx += dx * dx;
      syy += dy * dy;
      sxy += dx * dy;
    }
  }
  if (!(sxx > 0)) return undefinedResult("rmcorr", n, confLevel, "x does not vary within any subject");
  if (!(syy > 0)) return undefinedResult("rmcorr", n, confLevel, "y does not vary within any subject");
  const r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  return correlationTTest("rmcorr", n, r, df, confLevel, options.alternative);
}
