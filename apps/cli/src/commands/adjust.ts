import { readFileSync } from "node:fs";
import type { CommandModule } from "yargs";
import { adjustmentMethods, adjustPValueText, type AdjustmentMethod } from "@biomarker/multiple-testing";
import { CliInputError } from "../inputError.js";
import { printJson, printText } from "../output.js";

interface AdjustArgs {
  method: AdjustmentMethod;
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
        choices: adjustmentMethods,
        demandOption: true,
        describe: "p.adjust method, Storey q-values (qvalue) or discrete BH step-down (dbh: JSON {pValue, support} input)",
      })
      .option("json", { type: "boolean", default: false, describe: "Print { method, adjusted, pi0 } as JSON" }),
  handler: (args) => {
    const { text, source } = readInput(args.file);
    const result = adjustPValueText(text, source, args.method);
    if (args.json) printJson(result);
    else printText(result.adjusted.map((v) => (v === null ? "NA" : String(v))).join("\n"));
  },
};
