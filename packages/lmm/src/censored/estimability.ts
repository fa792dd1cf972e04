import { LEFT, OBSERVED, RIGHT } from "./censoredDesign.js";

/** A fixed-effect column whose likelihood is monotone: its estimate would run off to -infinity ("upper") or +infinity ("lower"). */
export interface NonEstimableColumn {
  readonly column: number;
  /** The side on which the data bound the coefficient: "upper" = only an upper bound (coefficient -> -infinity). */
  readonly side: "upper" | "lower";
  /** Design rows where the column is non-zero (its cell). */
  readonly rows: number[];
}

/**
 * Columns k along which the censored likelihood is monotone. Moving beta_k by -t (t > 0) changes only the
 * means of the rows with x_jk != 0; when every such row is censored on the side that move favours (left-
 * censored with x_jk > 0 or right-censored with x_jk < 0), each of their terms Phi((c - mu)/sigma) rises
 * towards 1 and no other term changes, so the likelihood increases without bound in t and has no maximum:
 * the coefficient is not estimable and the data give it only an upper bound. The mirror case gives a lower
 * bound. This is the "entirely censored cell" of a visit or group indicator (e.g. every subject below the
 * LLOQ at one visit).
 */
export function nonEstimableColumns(x: Float64Array, n: number, p: number, censoring: Uint8Array): NonEstimableColumn[] {
  const out: NonEstimableColumn[] = [];
  for (let k = 0; k < p; k++) {
    let down = true;
    let up = true;
    const rows: number[] = [];
    for (let j = 0; j < n; j++) {
      const v = x[j + k * n];
      if (v === 0) continue;
      rows.push(j);
      const c = censoring[j];
      if (c === OBSERVED) {
        down = false;
        up = false;
        break;
      }
      const favoursDown = (c === LEFT && v > 0) || (c === RIGHT && v < 0);
      if (favoursDown) up = false;
      else down = false;
    }
    if (rows.length > 0 && (down || up)) out.push({ column: k, side: down ? "upper" : "lower", rows });
  }
  return out;
}
