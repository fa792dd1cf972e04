import { LmmInputError } from "../errors.js";
import type { ModelDesign } from "../design/design.js";

/**
 * nlme's "containment" denominator df for the fixed effects of a one-level model (Pinheiro & Bates 2000,
 * sec. 2.4.2; nlme's getFixDF, the `X` df of summary.lme): with N observations in m groups, a column of X
 * that varies within some group is estimated at the residual level, one constant within every group at
 * the group level, and
 *
 *   df(within) = N - m - (number of within columns),   df(between) = m - (number of between columns) - 1,
 *
 * the intercept (a column constant over all rows) taking the larger of the two. Without an intercept the
 * residual level gains 1 instead of the group level losing 1.
 */
export function betweenWithinDf(design: ModelDesign): number[] {
  const groups = new Set(design.random.map((t) => t.group));
  if (groups.size !== 1) throw new LmmInputError("between-within df need a single grouping factor in the random effects");
  const level = design.random[0].levelOfObservation;
  const m = design.random[0].levels.length;
  const { n, p, x } = design;
  const df = [m, n - m];
  const stratum: number[] = [];
  let constantColumns = 0;
  for (let j = 0; j < p; j++) {
    const x0 = x[n * j];
    let constant = true;
    for (let i = 0; i < n && constant; i++) {
      const v = x[i + n * j];
      if (Math.abs(x0 === 0 ? v : v / x0 - 1) >= Math.sqrt(Number.EPSILON)) constant = false;
    }
    if (constant) {
      stratum.push(-1);
      constantColumns++;
      continue;
    }
    const first = new Map<number, number>();
    let within = false;
    for (let i = 0; i < n && !within; i++) {
      const seen = first.get(level[i]);
      if (seen === undefined) first.set(level[i], x[i + n * j]);
      else if (seen !== x[i + n * j]) within = true;
    }
    stratum.push(within ? 1 : 0);
    df[within ? 1 : 0]--;
  }
  if (constantColumns > 0) df[0]--;
  else df[1]++;
  return stratum.map((s) => (s < 0 ? Math.max(df[0], df[1]) : df[s]));
}
