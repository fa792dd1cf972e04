import type { CommandModule } from "yargs";
import { InputDataError, formatStudySummary, validateStudy } from "@biomarker/schema";
import { printJson, printText } from "../output.js";

interface ValidateArgs {
  data: string;
  json: boolean;
  "skip-invalid": boolean;
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: "validate",
  describe:
    "Read and validate a study (folder, manifest or long CSV/TSV): a summary, or every problem with file/row/column",
  builder: (yargs) =>
    yargs
      .option("data", {
        type: "string",
        demandOption: true,
        describe: "Study folder, study.json/.yaml manifest, or a long CSV/TSV",
      })
      .option("json", { type: "boolean", default: false, describe: "Print one JSON document" })
      .option("skip-invalid", {
        type: "boolean",
        default: false,
        describe: "Skip bad rows and list each with its reasons",
      }),
  handler: (argv) => {
    // yargs reports a missing required option to the root .fail() and still calls the handler.
    if (typeof argv.data !== "string") return;
    try {
      const summary = validateStudy(argv.data, { skipInvalid: argv["skip-invalid"] });
      if (argv.json) printJson(summary);
      else printText(formatStudySummary(summary));
    } catch (error) {
      // With --json the problems are also the one JSON document on stdout; the exit code stays 1.
      if (argv.json && error instanceof InputDataError) printJson({ valid: false, issues: error.issues });
      throw error;
    }
  },
};
