import { readFileSync } from "node:fs";
import type { CommandModule } from "yargs";
import { adjustmentMethods, adjustPValueText, type AdjustmentMethod } from "@biomarker/multiple-testing";
import { CliInputError } from "../inputError.js";
import { printJson, printText } from "../output.js";

/** R's p.adjust aliases: "fdr" is "BH" (and R spells the others in lower case too). */
const METHOD_ALIASES: Readonly<Record<string, AdjustmentMethod>> = { fdr: "BH", bh: "BH", by: "BY" };
const methodChoices = [...adjustmentMethods, ...Object.keys(METHOD_ALIASES)];

interface AdjustArgs {
  method: string;
  file: string;
  json: boolean;
}

function readInput(file: string): { text: string; source: string } {
  const source = file === "-" ? "<stdin>" : file;
  try {
    return { text: readFileSync(file === "-" ? 0 : file, "utf8"), source };
  } catch (error) {
    throw new CliInputError(`${source}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

export const adjustCommand: CommandModule<object, AdjustArgs> = {
  command: "adjust [file]",
  describe: "Adjust p-values for multiple testing (one per line, NA allowed; JSON with supports for dbh)",
  builder: (yargs) =>
    yargs
      .positional("file", { type: "string", default: "-", describe: "p-value file, or - for stdin" })
      .option("method", {
        choices: methodChoices,
        demandOption: true,
        describe: "p.adjust method (R's alias fdr = BH), Storey q-values (qvalue) or discrete BH step-down (dbh: JSON {pValue, support} input)",
      })
      .option("json", { type: "boolean", default: false, describe: "Print { method, adjusted, pi0 } as JSON" }),
  handler: (args) => {
    const { text, source } = readInput(args.file);
    if (text.trim() === "") throw new CliInputError(`${source}: no p-values to adjust (the input is empty)`);
    const method = METHOD_ALIASES[args.method] ?? (args.method as AdjustmentMethod);
    const result = adjustPValueText(text, source, method);
    if (args.json) printJson(result);
    else printText(result.adjusted.map((v) => (v === null ? "NA" : String(v))).join("\n"));
  },
};
