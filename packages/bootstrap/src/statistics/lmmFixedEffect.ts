import { fitLmm, LmmInputError, type DataColumns, type LmmOptions } from "@biomarker/lmm";
import { BootstrapInputError } from "../errors.js";
import type { ResampleStatistic } from "../statistic.js";
import { unitLayout, type UnitLayout } from "./clusters.js";

export interface LmmFixedEffectSpec {
  /** Observation-level columns (lmm's DataColumns). */
  data: DataColumns;
  /** lme4 formula, e.g. "sledai ~ cd19 + (1 | subject)". */
  formula: string;
  /** Fixed-effect term(s) to report, as lme4 names them ("cd19", "(Intercept)"). */
  terms: readonly string[];
  /** The subject column: the resampling unit and the grouping factor of the random effects. */
  cluster: string;
  options?: LmmOptions;
}

/**
 * Fixed effects of a linear mixed model refitted on every resample of subjects. A subject drawn c times
 * enters the resampled data as c distinct subjects (labels "id#1", "id#2", ...), each with its own random
 * effects, as in the cluster bootstrap of Field & Welsh (2007). A resample whose fit fails (e.g. a
 * rank-deficient design: lmm's LmmInputError) is undefined (NaN); any other error propagates. The model
 * is fitted once on the original data first, so a bad formula or column fails immediately. Cost: one
 * REML fit per resample.
 */
export function lmmFixedEffectStatistic(spec: LmmFixedEffectSpec): ResampleStatistic & { layout: UnitLayout } {
  const clusterColumn = spec.data[spec.cluster];
  if (clusterColumn === undefined) throw new BootstrapInputError(`no cluster column '${spec.cluster}' in the data`);
  const N = clusterColumn.length;
  const layout = unitLayout(N, Array.from(clusterColumn, (v) => String(v)));
  const rowsOf: number[][] = layout.unitNames.map(() => []);
  layout.unitOfObservation.forEach((s, k) => rowsOf[s].push(k));
  const columns = Object.keys(spec.data);
  fitLmm(spec.data, spec.formula, spec.options);
  return {
    names: [...spec.terms],
    unitCount: layout.unitNames.length,
    layout,
    evaluate(counts, out) {
      const resampled: Record<string, (number | string | null)[]> = {};
      for (const name of columns) resampled[name] = [];
      layout.unitNames.forEach((label, s) => {
        for (let copy = 1; copy <= counts[s]; copy++) {
          for (const k of rowsOf[s]) {
            for (const name of columns) {
              resampled[name].push(name === spec.cluster ? `${label}#${copy}` : (spec.data[name][k] as number | string | null));
            }
          }
        }
      });
      try {
        const fit = fitLmm(resampled, spec.formula, spec.options);
        spec.terms.forEach((term, j) => {
          const effect = fit.fixedEffects.find((e) => e.term === term);
          out[j] = effect === undefined ? Number.NaN : effect.estimate;
        });
      } catch (error) {
        if (!(error instanceof LmmInputError)) throw error;
        out.fill(Number.NaN);
      }
    },
  };
}
