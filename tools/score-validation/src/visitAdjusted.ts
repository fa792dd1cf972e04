import { twoSidedTPValue } from "@biomarker/numerics";

/**
 * Visit-adjusted within-subject slope by two-way fixed effects: y_ij = alpha_i + delta_visit + beta x_ij + e
 * (ordinary least squares over the rows where x and y are both present). By Frisch-Waugh-Lovell, beta is the
 * slope of the residuals of y on the residuals of x after both are projected off the subject and visit
 * indicators; the projection is computed by alternating subject and visit demeaning until it changes by
 * less than 1e-13 (it converges to the two-way projection for any connected design). t = beta / se with
 * df = N - S - V + 1 - 1 (S subjects, V visits). A stand-in, used only when @biomarker/correlation has no
 * withinSubjectAssociation (the random-intercept within-between model).
 */
export function visitAdjustedSlope(
  subject: readonly string[],
  visit: readonly string[],
  x: readonly (number | null)[],
  y: readonly (number | null)[],
): { estimate: number | null; pValue: number | null } {
  const rows = x.map((_, k) => k).filter((k) => x[k] !== null && y[k] !== null && Number.isFinite(x[k]) && Number.isFinite(y[k]));
  const S = new Set(rows.map((k) => subject[k])).size;
  const V = new Set(rows.map((k) => visit[k])).size;
  const df = rows.length - S - V + 1 - 1;
  if (df < 1) return { estimate: null, pValue: null };
  const project = (v: number[]): number[] => {
    const r = [...v];
    for (let iteration = 0; iteration < 10_000; iteration++) {
      let change = 0;
      for (const labels of [rows.map((k) => subject[k]), rows.map((k) => visit[k])]) {
        const sum = new Map<string, number>();
        const count = new Map<string, number>();
        labels.forEach((l, i) => {
          sum.set(l, (sum.get(l) ?? 0) + r[i]);
          count.set(l, (count.get(l) ?? 0) + 1);
        });
        labels.forEach((l, i) => {
          const m = (sum.get(l) as number) / (count.get(l) as number);
          r[i] -= m;
          change = Math.max(change, Math.abs(m));
        });
      }
      if (change < 1e-13) break;
    }
    return r;
  };
  const rx = project(rows.map((k) => x[k] as number));
  const ry = project(rows.map((k) => y[k] as number));
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < rx.length; i++) {
    sxx += rx[i] * rx[i];
    sxy += rx[i] * ry[i];
  }
  if (!(sxx > 1e-12)) return { estimate: null, pValue: null };
  const beta = sxy / sxx;
  let rss = 0;
  for (let i = 0; i < rx.length; i++) rss += (ry[i] - beta * rx[i]) ** 2;
  const se = Math.sqrt(rss / df / sxx);
  return { estimate: beta, pValue: se > 0 ? twoSidedTPValue(beta / se, df) : null };
}
