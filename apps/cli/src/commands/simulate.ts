import { existsSync, readdirSync, statSync } from "node:fs";
import type { CommandModule } from "yargs";
import { CliInputError } from "../inputError.js";
import { simulateStudyFolder } from "@biomarker/schema";
import { printJson, printText } from "../output.js";

interface SimulateArgs {
  out: string;
  seed: number;
  subjects: number;
  features: number;
  force: boolean;
  json: boolean;
}

/** A non-empty --out (an existing study, say) is refused without --force; a file is refused always. */
function refuseNonEmpty(out: string, force: boolean): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new CliInputError(`--out ${out} exists and is not a folder`);
  if (readdirSync(out).length > 0 && !force)
    throw new CliInputError(`--out ${out} is not empty; choose an empty or new folder, or pass --force to overwrite its study files`);
}

export const simulateCommand: CommandModule<object, SimulateArgs> = {
  command: "simulate",
  describe: "Write a SIMULATED cSLE BiTE study folder (manifest, measurements, clinical, ground truth)",
  builder: (yargs) =>
    yargs
      .option("out", { type: "string", demandOption: true, describe: "Folder to write" })
      .option("seed", { type: "number", demandOption: true, describe: "Random seed (integer)" })
      .option("subjects", { type: "number", default: 6, describe: "Number of subjects" })
      .option("features", {
        type: "number",
        default: 40,
        describe: "Number of flow populations (each as % of parent and count)",
      })
      .option("force", { type: "boolean", default: false, describe: "Write into a non-empty folder, replacing the files of the same names" })
      .option("json", { type: "boolean", default: false, describe: "Print one JSON document" }),
  handler: (argv) => {
    // yargs reports a missing required option to the root .fail() and still calls the handler.
    if (typeof argv.out !== "string" || typeof argv.seed !== "number") return;
    refuseNonEmpty(argv.out, argv.force);
    const summary = simulateStudyFolder(argv.out, {
      seed: argv.seed,
      subjects: argv.subjects,
      features: argv.features,
    });
    if (argv.json) printJson(summary);
    else {
      printText(
        `Wrote a SIMULATED study to ${summary.out}: ${summary.subjects} subjects, ${summary.features} features, ` +
          `${summary.measurements} measurements (seed ${summary.seed}).`
      );
    }
  },
};
