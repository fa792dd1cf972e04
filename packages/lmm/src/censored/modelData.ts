import { qrCoefficients, qrColumnPivoting } from "@biomarker/numerics";
import type { ModelDesign } from "../design/design.js";
import { LmmInputError } from "../errors.js";
import type { CensoredModelData } from "./censoredLikelihood.js";
import { parameterCount } from "./censoredLikelihood.js";

/** The parts of a censored design every sub-model (estimable part, profiles) is cut from. */
export interface CensoredBase {
  readonly design: ModelDesign;
  readonly censoring: Uint8Array;
  /** Random effects per subject (columns of the single random term; 0 without one). */
  readonly q: number;
  /** design.n x q covariates of the random term. */
  readonly z: Float64Array;
  /** Subject (grouping level) of every design row; all 0 without a random term. */
  readonly subjectOf: Int32Array;
  readonly nSubjects: number;
}

export function censoredBase(design: ModelDesign, censoring: Uint8Array): CensoredBase {
  if (design.random.length > 1) {
    throw new LmmInputError(
      `the censored model integrates over the random effects of one grouping factor; the formula has ${design.random.length} random terms ` +
        `(${design.random.map((t) => `(${t.columnNames.join(" + ")} | ${t.group})`).join(", ")})`,
    );
  }
  const term = design.random[0];
  if (!term) return { design, censoring, q: 0, z: new Float64Array(0), subjectOf: new Int32Array(design.n), nSubjects: 1 };
  return { design, censoring, q: term.columnNames.length, z: term.covariates, subjectOf: term.levelOfObservation, nSubjects: term.levels.length };
}

/**
 * The kernel's data for the design rows `rows` with fixed-effect columns `columns` (each of length
 * design.n) and an optional offset (length design.n); rows grouped by subject.
 */
export function modelDataFor(base: CensoredBase, rows: readonly number[], columns: readonly Float64Array[], offset: Float64Array | null): CensoredModelData {
  const { design, q } = base;
  const n = rows.length;
  const p = columns.length;
  const x = new Float64Array(n * p);
  const z = new Float64Array(n * q);
  const y = new Float64Array(n);
  const censoring = new Uint8Array(n);
  const off = offset ? new Float64Array(n) : null;
  rows.forEach((row, j) => {
    for (let c = 0; c < p; c++) x[j + c * n] = columns[c][row];
    for (let a = 0; a < q; a++) z[j + a * n] = base.z[row + a * design.n];
    y[j] = design.y[row];
    censoring[j] = base.censoring[row];
    if (off && offset) off[j] = offset[row];
  });
  const subjects = [...new Set(rows.map((r) => base.subjectOf[r]))].sort((a, b) => a - b);
  const index = new Map(subjects.map((s, k) => [s, k]));
  const start = new Int32Array(subjects.length + 1);
  for (const row of rows) start[(index.get(base.subjectOf[row]) as number) + 1]++;
  for (let k = 0; k < subjects.length; k++) start[k + 1] += start[k];
  const fill = start.slice(0, subjects.length);
  const order = new Int32Array(n);
  rows.forEach((row, j) => {
    order[fill[index.get(base.subjectOf[row]) as number]++] = j;
  });
  return { n, p, q, x, z, y, censoring, offset: off, order, start };
}

/** Column k of the design's X (length design.n). */
export function designColumn(design: ModelDesign, k: number): Float64Array {
  return design.x.subarray(k * design.n, (k + 1) * design.n);
}

/**
 * Starting values: beta by least squares with limits in place of censored values, sigma their residual
 * SD, and L = diag(sigma / (2 rms(z_a))) so every random effect starts at half the residual scale.
 */
export function startValues(data: CensoredModelData): Float64Array {
  const { n, p, q, x, y, z } = data;
  const theta = new Float64Array(parameterCount(p, q));
  const target = Float64Array.from(y, (v, j) => v - (data.offset ? data.offset[j] : 0));
  const qr = qrColumnPivoting(Float64Array.from(x), n, p);
  if (qr.rank < p) throw new LmmInputError("the fixed-effect columns left after removing non-estimable ones are linearly dependent");
  const beta = qrCoefficients(qr, target);
  let rss = 0;
  for (let j = 0; j < n; j++) {
    let mu = 0;
    for (let c = 0; c < p; c++) mu += x[j + c * n] * beta[c];
    rss += (target[j] - mu) ** 2;
  }
  const sigma = Math.sqrt(rss / Math.max(1, n - p)) || 1;
  theta.set(beta, 0);
  theta[p] = Math.log(sigma);
  for (let a = 0, k = p + 1; a < q; a++) {
    let ss = 0;
    for (let j = 0; j < n; j++) ss += z[j + a * n] ** 2;
    theta[k] = sigma / (2 * Math.sqrt(ss / n) || 1);
    k += q - a;
  }
  return theta;
}
