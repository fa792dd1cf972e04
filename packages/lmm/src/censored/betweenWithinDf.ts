import { qrColumnPivoting } from "@biomarker/numerics";
import type { CensoredModelData } from "./censoredLikelihood.js";

/**
 * Between-within denominator df (SAS PROC MIXED DDFM=BW; Schluchter & Elashoff 1990), per fixed-effect
 * column: a column constant within every subject (the intercept, a baseline covariate) is tested on
 * G - rank(X_between) df, G the number of subjects; any other column on N - rank([X, subject indicators])
 * df (the residual df once every subject has its own mean). N counts censored observations too. Without a
 * random effect every column gets N - p.
 */
export function betweenWithinDf(data: CensoredModelData): number[] {
  const { n, p, x, order, start } = data;
  const nSubjects = start.length - 1;
  if (data.q === 0) return Array.from({ length: p }, () => Math.max(1, n - p));
  const between: boolean[] = [];
  for (let c = 0; c < p; c++) {
    let constant = true;
    for (let i = 0; i < nSubjects && constant; i++) {
      const first = x[order[start[i]] + c * n];
      for (let s = start[i] + 1; s < start[i + 1]; s++) if (x[order[s] + c * n] !== first) constant = false;
    }
    between.push(constant);
  }
  const betweenColumns = between.flatMap((b, c) => (b ? [c] : []));
  const xb = new Float64Array(n * betweenColumns.length);
  betweenColumns.forEach((c, k) => xb.set(x.subarray(c * n, (c + 1) * n), k * n));
  const rankBetween = betweenColumns.length > 0 ? qrColumnPivoting(xb, n, betweenColumns.length).rank : 0;
  const full = new Float64Array(n * (p + nSubjects));
  full.set(x.subarray(0, n * p), 0);
  for (let i = 0; i < nSubjects; i++) for (let s = start[i]; s < start[i + 1]; s++) full[order[s] + (p + i) * n] = 1;
  const rankFull = qrColumnPivoting(full, n, p + nSubjects).rank;
  const dfBetween = Math.max(1, nSubjects - rankBetween);
  const dfWithin = Math.max(1, n - rankFull);
  return between.map((b) => (b ? dfBetween : dfWithin));
}
