import { LmmInputError } from "../errors.js";
import type { DataColumns } from "../design/frame.js";
import type { FixedEffect, LmmFit } from "../fit/result.js";
import { observationBlocks } from "../inference/marginalModel.js";
import { type StructuredData, blockCovariance } from "../structured/marginalLikelihood.js";
import type { StructuredLmmFit } from "../structured/fitStructured.js";
import { clusterRobustCr2, clusterRobustTest } from "./cr2.js";

export interface ClusterRobustOptions {
  /** The data the fit was made from; needed with `cluster`. */
  readonly data?: DataColumns;
  /** Cluster column (default: the grouping factor of the first random-effect term). */
  readonly cluster?: string;
  /** "satterthwaite" (default): Pustejovsky-Tipton df; "none": Wald z tests. */
  readonly ddf?: "satterthwaite" | "none";
}

export interface ClusterRobustSummary {
  readonly type: "CR2";
  readonly cluster: string;
  readonly nClusters: number;
  readonly vcov: number[][];
  readonly fixedEffects: FixedEffect[];
}

const OPTION_KEYS = new Set(["data", "cluster", "ddf"]);

/** The model's covariance and GLS estimates in the form CR2 needs, for an lme4-style or structured fit. */
function marginalOf(fit: LmmFit | StructuredLmmFit): { d: StructuredData; psi: ArrayLike<number>; beta: Float64Array } {
  if ("structured" in fit) return { d: fit.structured, psi: fit.psi, beta: Float64Array.from(fit.fixedEffects, (f) => f.estimate) };
  const m = fit.model;
  const d: StructuredData = {
    n: m.n,
    p: m.p,
    x: m.x,
    y: m.y,
    terms: m.terms,
    nTheta: m.theta.length,
    blocks: observationBlocks(m),
    correlation: null,
    variance: null,
  };
  return { d, psi: m.theta, beta: Float64Array.from(m.beta) };
}

/**
 * CR2 cluster-robust tests of every fixed effect (clubSandwich's coef_test(fit, vcov = "CR2",
 * test = "Satterthwaite")), whatever the covariance model of the fit: its marginal covariance is the
 * working model. Clusters must contain whole random-effect groups.
 */
export function clusterRobust(fit: LmmFit | StructuredLmmFit, options: ClusterRobustOptions = {}): ClusterRobustSummary {
  for (const key of Object.keys(options)) if (!OPTION_KEYS.has(key)) throw new LmmInputError(`clusterRobust: unknown option '${key}'`);
  const ddf = options.ddf ?? "satterthwaite";
  if (ddf !== "satterthwaite" && ddf !== "none") throw new LmmInputError(`clusterRobust: ddf must be "satterthwaite" or "none", not '${String(ddf)}'`);
  const { d, psi, beta } = marginalOf(fit);
  const { n, p, x, y } = d;
  let codes: ArrayLike<number>;
  let name: string;
  if (options.cluster === undefined) {
    codes = d.terms[0].levelOfObservation;
    name = d.terms[0].group;
  } else {
    const values = options.data?.[options.cluster];
    if (values === undefined) throw new LmmInputError(`--cluster: unknown column '${options.cluster}'`);
    const index = new Map<string, number>();
    codes = Int32Array.from(fit.rows, (r) => {
      const v = values[r];
      if (v === null || v === "" || v === "NA" || (typeof v === "number" && Number.isNaN(v))) {
        throw new LmmInputError(`--cluster: row ${r + 1}, column '${options.cluster}': missing value`);
      }
      const key = String(v);
      let c = index.get(key);
      if (c === undefined) index.set(key, (c = index.size));
      return c;
    });
    name = options.cluster;
  }
  for (const block of d.blocks) {
    for (const i of block) {
      if (codes[i] !== codes[block[0]]) {
        throw new LmmInputError(`cluster '${name}' splits a random-effect group; clusters must contain whole groups`);
      }
    }
  }
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    let list = members.get(codes[i]);
    if (!list) members.set(codes[i], (list = []));
    list.push(i);
  }
  const clusters = [...members.values()].map((list) => Int32Array.from(list));
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = y[i];
    for (let j = 0; j < p; j++) s -= x[i + n * j] * beta[j];
    residuals[i] = s;
  }
  const result = clusterRobustCr2({ n, p, x, residuals, beta, covariance: (rows) => blockCovariance(d, psi, rows) }, clusters);
  const fixedEffects = fit.fixedEffects.map((f, j) => {
    const l = new Float64Array(p);
    l[j] = 1;
    return { term: f.term, ...clusterRobustTest(result, beta, l, ddf === "satterthwaite") };
  });
  return { type: "CR2", cluster: name, nClusters: clusters.length, vcov: result.vcov, fixedEffects };
}
