import { checkOptions } from "@biomarker/numerics";
import { BootstrapInputError } from "../errors.js";
import { summarizeBootstrap, type Interval, type IntervalFlag } from "../intervals/summarize.js";
import { bootstrap, bootstrapOptionSpec, type BootstrapOptions } from "../resample/bootstrap.js";
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
  mean: number | null;
  stdError: number | null;
  bias: number | null;
  intervals: { percentile: Interval | null; basic: Interval | null; normal: Interval | null; bca: Interval | null };
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
  reliability: Record<"percentile" | "basic" | "normal" | "bca", { flags: IntervalFlag[]; reason: string | null }>;
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
  checkOptions("bootstrapTable", options, { ...bootstrapOptionSpec, statistic: "string", x: "string", y: "string", cluster: "string", conf: "number" });
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
  const distribution = bootstrap(statistic, { replicates: options.replicates, seed: options.seed, exactLimit: options.exactLimit });
  const summary = summarizeBootstrap(distribution, 0, options.conf ?? 0.95);
  const report = (key: "percentile" | "basic" | "normal" | "bca") => ({
    flags: summary.reliability[key].flags,
    reason: summary.reliability[key].reason,
  });
  return {
    statistic: options.statistic,
    estimate: summary.estimate,
    replicates: summary.replicates,
    exact: summary.exact,
    mean: summary.mean,
    stdError: summary.stdError,
    bias: summary.bias,
    intervals: summary.intervals,
    undefinedResamples: summary.undefinedResamples,
    undefinedProbability: summary.undefinedProbability,
    conf: summary.conf,
    seed: distribution.seed,
    resampling: cluster === null ? "observation" : "subject",
    units: statistic.unitCount,
    observations: keep.length,
    droppedRows,
    reliability: { percentile: report("percentile"), basic: report("basic"), normal: report("normal"), bca: report("bca") },
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
