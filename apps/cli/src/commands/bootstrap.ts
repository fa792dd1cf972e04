import type { CommandModule } from "yargs";
import { bootstrapTable, INTERVAL_METHODS, type BootstrapReport, type BuiltinStatisticName } from "@biomarker/bootstrap";
import { formatNumber } from "@biomarker/numerics";
import { readDataTable, type DataColumnType } from "@biomarker/schema";
import { CliInputError } from "../inputError.js";
import { printJson, printText } from "../output.js";

interface BootstrapArgs {
  data: string;
  statistic: BuiltinStatisticName;
  x: string;
  y?: string;
  cluster?: string;
  replicates: string;
  seed: number;
  conf: number;
  json: boolean;
}

/** "exact", "auto" or a positive integer. */
export function parseReplicates(text: string): number | "exact" | "auto" {
  if (text === "exact" || text === "auto") return text;
  if (!/^\d+$/.test(text)) throw new CliInputError(`--replicates must be "exact", "auto" or a whole number, got '${text}'`);
  return Number(text);
}

function formatInterval(interval: [number, number] | null): string {
  return interval === null ? "undefined" : `[${formatNumber(interval[0], 4)}, ${formatNumber(interval[1], 4)}]`;
}

function describeReport(r: BootstrapReport): string {
  const lines = [
    `${r.statistic} bootstrap, ${r.resampling}s resampled (${r.units} units, ${r.observations} observations)`,
    r.exact ? `exact: all ${r.replicates} distinct resamples enumerated (no Monte Carlo error; the intervals' coverage is not exact)` : `${r.replicates} Monte Carlo replicates, seed ${r.seed}`,
    `estimate ${formatNumber(r.estimate, 4)}  mean ${formatNumber(r.mean, 4)}  bias ${formatNumber(r.bias, 4)}  SE ${formatNumber(r.stdError, 4)}`,
    `undefined resamples: ${r.undefinedResamples}`,
    `${Math.round(r.conf * 100)}% intervals${r.scale === "fisher-z" ? " (basic, normal, studentized and jackknife-t on Fisher's z scale)" : ""}:`,
  ];
  for (const key of INTERVAL_METHODS) {
    const flags = r.reliability[key].flags;
    const note = r.reliability[key].reason ?? (flags.length > 0 ? `unreliable: ${flags.join(", ")}` : "");
    const mark = key === r.defaultInterval.method ? "*" : " ";
    lines.push(` ${mark}${key.padEnd(11)} ${formatInterval(r.intervals[key])}${note ? `  (${note})` : ""}`);
  }
  const measured = r.defaultInterval.coverageAtSix.map((c) => `${(100 * c.coverage).toFixed(1)}% for a ${c.scenario}`).join(", ");
  lines.push(`* default: measured coverage of the nominal 95% interval at n = 6: ${measured} (docs/bootstrap-coverage.md)`);
  return lines.join("\n");
}

export const bootstrapCommand: CommandModule<object, BootstrapArgs> = {
  command: "bootstrap",
  describe: "Bootstrap a statistic of a CSV column (subjects resampled with --cluster; exact enumeration at small n)",
  builder: (yargs) =>
    yargs
      .option("data", { type: "string", demandOption: true, describe: "CSV/TSV file, one row per observation" })
      .option("statistic", { choices: ["mean", "median", "pearson", "spearman"] as const, demandOption: true })
      .option("x", { type: "string", demandOption: true, describe: "column of the variable" })
      .option("y", { type: "string", describe: "second column (pearson, spearman)" })
      .option("cluster", { type: "string", describe: "subject column: resample subjects with their whole trajectories" })
      .option("replicates", { type: "string", default: "auto", describe: "N Monte Carlo replicates, exact, or auto (exact when small)" })
      .option("seed", { type: "number", default: 1, describe: "seed of the Monte Carlo replicates" })
      .option("conf", { type: "number", default: 0.95, describe: "confidence level" })
      .option("json", { type: "boolean", default: false, describe: "print one JSON document" }),
  handler: (args) => {
    const columns: Record<string, DataColumnType> = {};
    if (args.cluster !== undefined) columns[args.cluster] = "text";
    for (const name of [args.x, args.y]) if (name !== undefined) columns[name] = "number";
    const table = readDataTable(args.data, { columns });
    const report = bootstrapTable(table.columns, {
      statistic: args.statistic,
      x: args.x,
      y: args.y,
      cluster: args.cluster,
      replicates: parseReplicates(args.replicates),
      seed: args.seed,
      conf: args.conf,
    }, args.data);
    if (args.json) printJson(report);
    else printText(describeReport(report));
  },
};
