import { midRanks } from "@biomarker/numerics";
import { CorrelationInputError } from "./errors.js";

/** Complete pairs of a bivariate sample with their censoring flags (below the LLOQ). */
export interface PairedSample {
  x: Float64Array;
  y: Float64Array;
  censoredX: Uint8Array;
  censoredY: Uint8Array;
  n: number;
}

export type NumericColumn = ArrayLike<number | null>;

function present(value: number | null | undefined, censored: boolean): boolean {
  return censored || (value !== null && value !== undefined && Number.isFinite(value));
}

/**
 * Keeps the pairs where both values are observed or censored (as R's cor.test drops incomplete pairs).
 * A censored entry needs no value (the canonical long table stores null for it).
 */
export function completePairs(
  x: NumericColumn,
  y: NumericColumn,
  censoredX?: ArrayLike<boolean>,
  censoredY?: ArrayLike<boolean>,
): PairedSample {
  if (x.length !== y.length) {
    throw new CorrelationInputError(`x has ${x.length} values but y has ${y.length}`);
  }
  for (const [name, mask] of [["censoredX", censoredX], ["censoredY", censoredY]] as const) {
    if (mask !== undefined && mask.length !== x.length) {
      throw new CorrelationInputError(`${name} has ${mask.length} entries but x and y have ${x.length}`);
    }
  }
  const keep: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const cx = censoredX?.[i] === true;
    const cy = censoredY?.[i] === true;
    if (present(x[i], cx) && present(y[i], cy)) keep.push(i);
  }
  const n = keep.length;
  const sample: PairedSample = {
    x: new Float64Array(n),
    y: new Float64Array(n),
    censoredX: new Uint8Array(n),
    censoredY: new Uint8Array(n),
    n,
  };
  keep.forEach((i, k) => {
    sample.censoredX[k] = censoredX?.[i] === true ? 1 : 0;
    sample.censoredY[k] = censoredY?.[i] === true ? 1 : 0;
    sample.x[k] = sample.censoredX[k] ? -Infinity : (x[i] as number);
    sample.y[k] = sample.censoredY[k] ? -Infinity : (y[i] as number);
  });
  return sample;
}

/** Why a column cannot carry a correlation, or null when it can. */
export function degenerateColumn(values: Float64Array, censored: Uint8Array, name: string): string | null {
  if (values.length > 0 && censored.every((c) => c === 1)) return `all ${name} values are censored`;
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return null;
  return `${name} is constant`;
}

/**
 * Rank scores 2 * mid-rank (integers), censored values tied below every observed value: the LLOQ is
 * below all measured values, so the censored ones share the lowest ranks.
 */
export function rankScores(values: Float64Array): Int32Array {
  let lowest = Infinity;
  for (const v of values) if (v !== -Infinity && v < lowest) lowest = v;
  const below = Number.isFinite(lowest) ? lowest - 1 : 0;
  const { ranks } = midRanks(values.map((v) => (v === -Infinity ? below : v)));
  return Int32Array.from(ranks, (r) => Math.round(2 * r));
}

/**
 * The rank scores (rankScores) of the complete pairs for a rank correlation (Spearman, Kendall), or why
 * the correlation is undefined on them: fewer than 3 pairs, or a constant or all-censored column.
 */
export function rankedPairs(
  x: NumericColumn,
  y: NumericColumn,
  censoredX?: ArrayLike<boolean>,
  censoredY?: ArrayLike<boolean>,
): { n: number; reason: null; x: Int32Array; y: Int32Array } | { n: number; reason: string } {
  const sample = completePairs(x, y, censoredX, censoredY);
  if (sample.n < 3) return { n: sample.n, reason: `n = ${sample.n} complete pairs; at least 3 are needed` };
  const reason =
    degenerateColumn(sample.x, sample.censoredX, "x") ?? degenerateColumn(sample.y, sample.censoredY, "y");
  if (reason !== null) return { n: sample.n, reason };
  return { n: sample.n, reason: null, x: rankScores(sample.x), y: rankScores(sample.y) };
}

export function hasTies(scores: ArrayLike<number>): boolean {
  const sorted = Array.from(scores).sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) return true;
  return false;
}
