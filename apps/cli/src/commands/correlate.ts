import type { CommandModule } from "yargs";
import { correlationMatrix, type CorrelationRow, type PValueRequest } from "@biomarker/correlation";
import { pAdjust, pAdjustMethods, type PAdjustMethod } from "@biomarker/multiple-testing";
import { readDataTable, type DataColumnType } from "@biomarker/schema";
import { CliInputError } from "../inputError.js";
import { printJson, printText } from "../output.js";

interface CorrelateArgs {
  data: string;
  x: string;
  y: string;
  method: "spearman" | "pearson" | "kendall" | "rmcorr" | "within";
  subject?: string;
  visit?: string;
  ddf?: "satterthwaite" | "kenward-roger";
  "p-value": PValueRequest;
  permutations: number;
  seed: number;
  adjust?: PAdjustMethod;
  json: boolean;
}

function columnList(value: string, option: string): string[] {
  const names = value.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (names.length === 0) throw new CliInputError(`--${option} names no column`);
  return names;
}

function formatCell(value: number | null): string {
  return value === null ? "NA" : Number(value.toPrecision(4)).toString();
}

function textTable(rows: CorrelationRow[]): string {
  const header = ["x", "y", "method", "n", "estimate", "pValue", "pValueMethod", "pAdjusted", "ciLower", "ciUpper", "note"];
  const body = rows.map((r) => [
    r.x,
    r.y,
    r.method,
    String(r.n),
    formatCell(r.estimate),
    r.pValue === null ? "NA" : r.pValue.toPrecision(4),
    r.pValueMethod ?? "NA",
    r.pAdjusted === null ? "NA" : r.pAdjusted.toPrecision(4),
    formatCell(r.ciLower),
    formatCell(r.ciUpper),
    r.reason ?? "",
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((b) => b[j].length)));
  return [header, ...body].map((cells) => cells.map((c, j) => c.padEnd(widths[j])).join("  ").trimEnd()).join("\n");
}

export const correlateCommand: CommandModule<object, CorrelateArgs> = {
  command: "correlate",
  describe: "Correlate features with clinical variables (exact small-sample p-values)",
  builder: (yargs) =>
    yargs
      .option("data", { type: "string", demandOption: true, describe: "Wide CSV: one row per observation; '<0.5' marks a value below the LLOQ" })
      .option("x", { type: "string", demandOption: true, describe: "Feature column(s), comma-separated" })
      .option("y", { type: "string", demandOption: true, describe: "Clinical column(s), comma-separated" })
      .option("method", {
        choices: ["spearman", "pearson", "kendall", "rmcorr", "within"] as const,
        default: "spearman" as const,
        describe: "within: visit-adjusted within-subject slope, y ~ visit + x_within + x_between + (1 | subject)",
      })
      .option("subject", { type: "string", describe: "Subject column (required for rmcorr and within)" })
      .option("visit", { type: "string", describe: "Visit column, a factor (required for within)" })
      .option("ddf", { choices: ["satterthwaite", "kenward-roger"] as const, describe: "Denominator df of the within test (default satterthwaite)" })
      .option("p-value", { choices: ["auto", "exact", "asymptotic", "permutation"] as const, default: "auto" as const })
      .option("permutations", { type: "number", default: 10_000, describe: "Monte Carlo permutations" })
      .option("seed", { type: "number", default: 1, describe: "Seed of the permutation stream" })
      .option("adjust", { choices: pAdjustMethods, describe: "Adjust the p-values of all pairs (p.adjust method)" })
      .option("json", { type: "boolean", default: false, describe: "Print one JSON document" }) as never,
  handler: (args) => {
    const xs = columnList(args.x, "x");
    const ys = columnList(args.y, "y");
    if (args.method === "rmcorr" && args.subject === undefined) throw new CliInputError("--method rmcorr needs --subject");
    if (args.method === "within" && (args.subject === undefined || args.visit === undefined)) throw new CliInputError("--method within needs --subject and --visit");
    if (args.ddf !== undefined && args.method !== "within") throw new CliInputError("--ddf applies to --method within only");
    // One row per observation; a cell is a number, missing (empty, NA) or "<LLOQ" (censored below the limit).
    const columns: Record<string, DataColumnType> = {};
    if (args.subject !== undefined) columns[args.subject] = "text";
    if (args.visit !== undefined) columns[args.visit] = "text";
    for (const name of [...xs, ...ys]) columns[name] = "number";
    const table = readDataTable(args.data, { columns, censored: true });
    const pick = (names: string[]) => Object.fromEntries(names.map((name) => [name, table.columns[name] as (number | null)[]]));
    const censored = Object.fromEntries(Object.entries(table.censored).map(([name, limits]) => [name, limits.map((l) => l !== null)]));
    const rows = correlationMatrix(
      {
        x: pick(xs),
        y: pick(ys),
        censored,
        subject: args.subject === undefined ? undefined : table.columns[args.subject].map((id) => id ?? ""),
        visit: args.visit === undefined ? undefined : table.columns[args.visit].map((v) => v ?? ""),
      },
      {
        method: args.method,
        ddf: args.ddf,
        pValue: args["p-value"],
        permutations: args.permutations,
        seed: args.seed,
        adjust: args.adjust === undefined ? undefined : (p) => pAdjust(p, args.adjust!),
      },
    );
    if (args.json) {
      printJson({
        results: rows.map((r) =>
          r.method === "within"
            ? {
                x: r.x,
                y: r.y,
                method: r.method,
                n: r.n,
                subjects: r.subjects,
                estimate: r.estimate,
                stdError: r.stdError,
                statistic: r.statistic,
                df: r.df,
                pValue: r.pValue,
                pValueMethod: r.pValueMethod,
                pAdjusted: r.pAdjusted,
                ciLower: r.ciLower,
                ciUpper: r.ciUpper,
                betweenEstimate: r.betweenEstimate,
                singular: r.singular,
                reason: r.reason,
                warnings: r.warnings,
              }
            : {
                x: r.x,
                y: r.y,
                method: r.method,
                n: r.n,
                estimate: r.estimate,
                statistic: r.statistic,
                pValue: r.pValue,
                pValueMethod: r.pValueMethod,
                pAdjusted: r.pAdjusted,
                ciLower: r.ciLower,
                ciUpper: r.ciUpper,
                df: r.df,
                reason: r.reason,
              },
        ),
      });
    } else {
      printText(textTable(rows));
    }
  },
};
