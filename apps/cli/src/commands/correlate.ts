import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { CommandModule } from "yargs";
import { correlationMatrix, type CorrelationRow, type PValueRequest } from "@biomarker/correlation";
import { pAdjust, pAdjustMethods, type PAdjustMethod } from "@biomarker/multiple-testing";
import { printJson, printText } from "../output.js";

/** Bad input in the --data file or the column lists: the message names file, row and column. */
export class CorrelateInputError extends Error {
  readonly inputError = true;
  constructor(message: string) {
    super(message);
    this.name = "CorrelateInputError";
  }
}

interface CorrelateArgs {
  data: string;
  x: string;
  y: string;
  method: "spearman" | "pearson" | "kendall" | "rmcorr";
  subject?: string;
  "p-value": PValueRequest;
  permutations: number;
  seed: number;
  adjust?: PAdjustMethod;
  json: boolean;
}

interface WideTable {
  columns: Map<string, (number | null)[]>;
  censored: Map<string, boolean[]>;
  text: Map<string, string[]>;
}

/**
 * Reads a wide CSV (header row, one row per observation; whole-line "#" comments are skipped, as in the
 * bundled datasets). A cell is a number, empty or NA (missing), or "<LLOQ" (censored below the limit,
 * e.g. "<0.5"). Only the named columns are parsed as numbers. Rows in messages are file lines.
 */
function readWideCsv(file: string, numeric: string[], textColumns: string[]): WideTable {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(readFileSync(file, "utf8"), {
      skip_empty_lines: true,
      trim: true,
      bom: true,
      comment: "#",
      comment_no_infix: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new CorrelateInputError(`${file}: ${(error as Error).message}`);
  }
  if (parsed.length === 0) throw new CorrelateInputError(`${file}: the file is empty (the first row must name the columns)`);
  const header = parsed[0].record;
  const headerRow = parsed[0].info.lines;
  const records = parsed.map((p) => p.record);
  const lines = parsed.map((p) => p.info.lines);
  const index = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new CorrelateInputError(`${file}, row ${headerRow}: no column '${name}' (columns: ${header.join(", ")})`);
    return i;
  };
  const table: WideTable = { columns: new Map(), censored: new Map(), text: new Map() };
  for (const name of numeric) {
    const i = index(name);
    const values: (number | null)[] = [];
    const censored: boolean[] = [];
    records.slice(1).forEach((record, r) => {
      const cell = (record[i] ?? "").trim();
      const row = lines[r + 1];
      if (cell === "" || cell.toUpperCase() === "NA") {
        values.push(null);
        censored.push(false);
      } else if (cell.startsWith("<")) {
        values.push(null);
        censored.push(true);
      } else {
        const value = Number(cell);
        if (!Number.isFinite(value)) {
          throw new CorrelateInputError(`${file}, row ${row}, column '${name}': '${cell}' is not a number, NA, empty or <LLOQ`);
        }
        values.push(value);
        censored.push(false);
      }
    });
    table.columns.set(name, values);
    table.censored.set(name, censored);
  }
  for (const name of textColumns) {
    const i = index(name);
    table.text.set(name, records.slice(1).map((record) => (record[i] ?? "").trim()));
  }
  return table;
}

function columnList(value: string, option: string): string[] {
  const names = value.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (names.length === 0) throw new CorrelateInputError(`--${option} names no column`);
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
      .option("method", { choices: ["spearman", "pearson", "kendall", "rmcorr"] as const, default: "spearman" as const })
      .option("subject", { type: "string", describe: "Subject column (required for rmcorr)" })
      .option("p-value", { choices: ["auto", "exact", "asymptotic", "permutation"] as const, default: "auto" as const })
      .option("permutations", { type: "number", default: 10_000, describe: "Monte Carlo permutations" })
      .option("seed", { type: "number", default: 1, describe: "Seed of the permutation stream" })
      .option("adjust", { choices: pAdjustMethods, describe: "Adjust the p-values of all pairs (p.adjust method)" })
      .option("json", { type: "boolean", default: false, describe: "Print one JSON document" }) as never,
  handler: (args) => {
    const xs = columnList(args.x, "x");
    const ys = columnList(args.y, "y");
    if (args.method === "rmcorr" && args.subject === undefined) throw new CorrelateInputError("--method rmcorr needs --subject");
    const table = readWideCsv(args.data, [...new Set([...xs, ...ys])], args.subject === undefined ? [] : [args.subject]);
    const pick = (names: string[]) => Object.fromEntries(names.map((name) => [name, table.columns.get(name)!]));
    const rows = correlationMatrix(
      {
        x: pick(xs),
        y: pick(ys),
        censored: Object.fromEntries(table.censored),
        subject: args.subject === undefined ? undefined : table.text.get(args.subject),
      },
      {
        method: args.method,
        pValue: args["p-value"],
        permutations: args.permutations,
        seed: args.seed,
        adjust: args.adjust === undefined ? undefined : (p) => pAdjust(p, args.adjust!),
      },
    );
    if (args.json) {
      printJson({
        results: rows.map((r) => ({
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
        })),
      });
    } else {
      printText(textTable(rows));
    }
  },
};
