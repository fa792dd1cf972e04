import { BootstrapInputError } from "../errors.js";
import { DEFAULT_INTERVALS, EXACT_RESAMPLING_NOTE } from "../intervals/defaultInterval.js";
import type { IntervalScale } from "../intervals/scale.js";
import { INTERVAL_METHODS, summarizeBootstrap, type Interval, type IntervalFlag, type IntervalMethod } from "../intervals/summarize.js";
import { bootstrap, type BootstrapOptions } from "../resample/bootstrap.js";
import { BUILTIN_STATISTICS, builtinStatistic, type BuiltinStatisticName } from "../statistics/builtins.js";
import { numericColumn, type DataFrame } from "./dataFrame.js";

export interface TableBootstrapOptions extends BootstrapOptions {
  statistic: BuiltinStatisticName;
  /** Column of the variable (the first variable of a correlation). */
  x: string;
  /** Second column, for pearson and spearman. */
  y?: string;
  /** Subject column: resample subjects with all their rows (cluster bootstrap). */
  cluster?: string;
  /** Confidence level (default 0.95). */
  conf?: number;
}

/** The `biomarker bootstrap` document. */
export interface BootstrapReport {
  statistic: BuiltinStatisticName;
  estimate: number | null;
  replicates: number;
  exact: boolean;
  /** What "exact" means (and does not: exact coverage). */
  exactMeans: string;
  mean: number | null;
  stdError: number | null;
  bias: number | null;
  intervals: Record<IntervalMethod, Interval | null>;
  /** Scale of the basic, normal, studentized and jackknife-t intervals: Fisher z for correlations. */
  scale: IntervalScale;
  /** The default interval for this statistic (DEFAULT_INTERVALS) and its measured coverage at n = 6. */
  defaultInterval: { method: IntervalMethod; interval: Interval | null; coverageAtSix: { scenario: string; coverage: number; mcError: number }[] };
  undefinedResamples: number;
  undefinedProbability: number;
  conf: number;
  seed: number | null;
  /** "subject" with --cluster, else "observation". */
  resampling: "subject" | "observation";
  units: number;
  observations: number;
  /** Rows left out because a used column is missing there (1-based file rows, header = row 1). */
  droppedRows: number[];
  /** Per interval: flags (see IntervalFlag) and, for a null interval, the reason. */
  reliability: Record<IntervalMethod, { flags: IntervalFlag[]; reason: string | null }>;
  biasCorrection: number | null;
  acceleration: number | null;
  /** Leave-one-unit-out estimates and SE; the unit is the subject with --cluster. */
  jackknife: { stdError: number | null; units: { unit: string; estimate: number | null; influence: number | null }[] };
}

/**
 * Bootstraps a built-in statistic of the columns of a data frame (numbers or null; the CLI reads the file
 * with @biomarker/schema `readDataTable`). `source` names the data in messages; rows left out are listed as
 * 1-based file rows (data row k is row k + 2).
 */
export function bootstrapTable(frame: DataFrame, options: TableBootstrapOptions, source = "data"): BootstrapReport {
  if (!BUILTIN_STATISTICS.includes(options.statistic)) {
    throw new BootstrapInputError(`unknown statistic '${String(options.statistic)}'; choose ${BUILTIN_STATISTICS.join(", ")}`);
  }
  const correlation = options.statistic === "pearson" || options.statistic === "spearman";
  if (correlation && options.y === undefined) throw new BootstrapInputError(`the ${options.statistic} statistic needs a second column (y)`);
  if (!correlation && options.y !== undefined) throw new BootstrapInputError(`the ${options.statistic} statistic takes one column; drop y`);
  const x = numericColumn(frame, options.x, source);
  const y = correlation ? numericColumn(frame, options.y as string, source) : null;
  let cluster: readonly (string | number | null)[] | null = null;
  if (options.cluster !== undefined) {
    cluster = frame[options.cluster];
    if (cluster === undefined) {
      throw new BootstrapInputError(`${source}, row 1: no column '${options.cluster}'; the columns are ${Object.keys(frame).join(", ")}`);
    }
  }
  const keep: number[] = [];
  const droppedRows: number[] = [];
  for (let k = 0; k < x.length; k++) {
    if (x[k] === null || (y !== null && y[k] === null) || (cluster !== null && cluster[k] === null)) droppedRows.push(k + 2);
    else keep.push(k);
  }
  const statistic = builtinStatistic(options.statistic, {
    x: keep.map((k) => x[k] as number),
    y: y === null ? undefined : keep.map((k) => y[k] as number),
    cluster: cluster === null ? undefined : keep.map((k) => cluster[k] as string | number),
  });
  if (statistic.unitCount < 2) {
    throw new BootstrapInputError(`${source}: ${statistic.unitCount} resampling unit(s) with complete data; the bootstrap needs at least 2`);
  }
  // Correlations: intervals on Fisher's z scale (inside [-1, 1]); every statistic gets per-resample SEs
  // for the studentized interval on that scale.
  const preferred = DEFAULT_INTERVALS[correlation ? "correlation" : "location"];
  const scale: IntervalScale = preferred.scale;
  const distribution = bootstrap(statistic, { ...options, studentized: scale });
  const summary = summarizeBootstrap(distribution, 0, options.conf ?? 0.95, { scale });
  const reliability = Object.fromEntries(
    INTERVAL_METHODS.map((key) => [key, { flags: summary.reliability[key].flags, reason: summary.reliability[key].reason }]),
  ) as BootstrapReport["reliability"];
  return {
    statistic: options.statistic,
    estimate: summary.estimate,
    replicates: summary.replicates,
    exact: summary.exact,
    exactMeans: EXACT_RESAMPLING_NOTE,
    mean: summary.mean,
    stdError: summary.stdError,
    bias: summary.bias,
    intervals: summary.intervals,
    scale,
    defaultInterval: { method: preferred.method, interval: summary.intervals[preferred.method], coverageAtSix: preferred.coverageAtSix },
    undefinedResamples: summary.undefinedResamples,
    undefinedProbability: summary.undefinedProbability,
    conf: summary.conf,
    seed: distribution.seed,
    resampling: cluster === null ? "observation" : "subject",
    units: statistic.unitCount,
    observations: keep.length,
    droppedRows,
    reliability,
    biasCorrection: summary.biasCorrection,
    acceleration: summary.acceleration,
    jackknife: {
      stdError: summary.jackknife.stdError,
      units: statistic.layout.unitNames.map((unit, i) => ({
        unit,
        estimate: summary.jackknife.values[i],
        influence: summary.jackknife.influence[i],
      })),
    },
  };
}
