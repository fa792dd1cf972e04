import type { CommandModule } from "yargs";
import { type FamilyName, fitGlmm, formatGlmmSummary, glmmSummary } from "@biomarker/glmm";
import { type DataColumns, FormulaSyntaxError, LmmInputError } from "@biomarker/lmm";
import { readDataTable } from "@biomarker/schema";
import { printJson, printText } from "../output.js";
import { parseLevels } from "./lmm.js";

interface GlmmArgs {
  data: string;
  formula: string;
  family: FamilyName;
  nagq: number;
  levels?: string[];
  json: boolean;
}

export const glmmCommand: CommandModule<object, GlmmArgs> = {
  command: "glmm",
  describe: "Fit a binomial or Poisson generalized linear mixed model (lme4::glmer: Laplace or adaptive quadrature)",
  builder: (y) =>
    y
      .option("data", { type: "string", demandOption: true, describe: "CSV file, one row per observation" })
      .option("formula", {
        type: "string",
        demandOption: true,
        describe: 'lme4 formula, e.g. "cbind(k, n - k) ~ visit + (1 | subject)" or "count ~ x + offset(log(t)) + (1 | g)"',
      })
      .option("family", { choices: ["binomial", "poisson"] as const, demandOption: true, describe: "response family (canonical link)" })
      .option("nagq", { type: "number", default: 1, describe: "quadrature nodes: 1 = Laplace, up to 25 for one scalar random effect" })
      .option("levels", { type: "string", array: true, describe: "level order of a factor, e.g. visit=D0,D7,D28" })
      .option("json", { type: "boolean", default: false, describe: "print one JSON document" }),
  handler: (args) => {
    const data: DataColumns = readDataTable(args.data).columns;
    let fit;
    try {
      fit = fitGlmm(data, args.formula, { family: args.family, nAGQ: args.nagq, levels: parseLevels(args.levels) });
    } catch (error) {
      if (error instanceof LmmInputError && !(error instanceof FormulaSyntaxError) && !error.message.startsWith(args.data)) {
        error.message = `${args.data}: ${error.message}`;
      }
      throw error;
    }
    if (args.json) printJson(glmmSummary(fit));
    else printText(formatGlmmSummary(fit));
  },
};
