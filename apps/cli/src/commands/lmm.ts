import type { CommandModule } from "yargs";
import {
  type DataColumns,
  type FeatureFit,
  FormulaSyntaxError,
  type LevelOrders,
  LmmInputError,
  denominatorDf,
  fitLmm,
  fitLmmByFeature,
  formatFeatureFits,
  formatLmmInference,
  formatLmmSummary,
  lmmInference,
  lmmSummary,
  substituteCensored,
} from "@biomarker/lmm";
import { readDataTable } from "@biomarker/schema";
import { printJson, printText } from "../output.js";
import { type CensoringChoice, hasCensoredRows, runCensoredLmm } from "./lmmCensored.js";

interface LmmArgs {
  data: string;
  formula: string;
  ml: boolean;
  ddf: "satterthwaite" | "kenward-roger" | "none";
  by?: string;
  levels?: string[];
  workers?: number;
  json: boolean;
  anova: boolean;
  emmeans?: string;
  contrast: "baseline" | "none";
  adjust: "none" | "bonferroni" | "holm" | "sidak";
  "singular-df": "as-fitted" | "kenward-roger";
  ci?: "wald" | "profile" | "boot";
  level: number;
  nsim: number;
  seed: number;
  censoring?: CensoringChoice;
  nagq?: number;
}

/** --levels Sex=Male,Female (repeatable): explicit level orders, the first level is the reference. */
function parseLevels(specs: string[] | undefined): LevelOrders | undefined {
  if (!specs || specs.length === 0) return undefined;
  const orders: Record<string, string[]> = {};
  for (const spec of specs) {
    const eq = spec.indexOf("=");
    if (eq <= 0) throw new LmmInputError(`--levels '${spec}': expected COLUMN=LEVEL1,LEVEL2,...`);
    orders[spec.slice(0, eq)] = spec.slice(eq + 1).split(",");
  }
  return orders;
}

/** Data errors name the file; formula errors show the formula with its caret instead. */
function inFile(file: string, error: unknown): never {
  if (error instanceof LmmInputError && !(error instanceof FormulaSyntaxError) && !error.message.startsWith(file)) {
    error.message = `${file}: ${error.message}`;
  }
  throw error;
}

export const lmmCommand: CommandModule<object, LmmArgs> = {
  command: "lmm",
  describe: "Fit a linear mixed model (lme4 formula syntax) by REML or ML, optionally one fit per feature",
  builder: (y) =>
    y
      .option("data", { type: "string", demandOption: true, describe: "CSV file, one row per observation" })
      .option("formula", { type: "string", demandOption: true, describe: 'lme4 formula, e.g. "value ~ day + (day | subject)"' })
      .option("ml", { type: "boolean", default: false, describe: "fit by maximum likelihood instead of REML" })
      .option("ddf", {
        choices: ["satterthwaite", "kenward-roger", "none"] as const,
        default: "satterthwaite" as const,
        describe: "denominator df for the fixed-effect t tests (none: lme4's table without df and p)",
      })
      .option("by", { type: "string", describe: "feature column: one fit per feature (long table)" })
      .option("levels", { type: "string", array: true, describe: "level order of a factor, e.g. Sex=Male,Female" })
      .option("workers", { type: "number", describe: "worker threads for --by (default: all cores)" })
      .option("json", { type: "boolean", default: false, describe: "print one JSON document" })
      .option("anova", { type: "boolean", default: false, describe: "Type III F tests of the fixed-effect terms" })
      .option("emmeans", { type: "string", describe: "factor (e.g. visit) whose levels get estimated marginal means" })
      .option("contrast", { choices: ["baseline", "none"] as const, default: "baseline" as const, describe: "with --emmeans: contrasts vs the first level" })
      .option("adjust", {
        choices: ["none", "bonferroni", "holm", "sidak"] as const,
        default: "none" as const,
        describe: "multiplicity adjustment of the contrasts",
      })
      .option("singular-df", {
        choices: ["as-fitted", "kenward-roger"] as const,
        default: "as-fitted" as const,
        describe: "df on a singular fit: as fitted (lmerTest) or Kenward-Roger's",
      })
      .option("ci", { choices: ["wald", "profile", "boot"] as const, describe: "confidence intervals for the parameters" })
      .option("level", { type: "number", default: 0.95, describe: "confidence level" })
      .option("nsim", { type: "number", default: 1000, describe: "parametric bootstrap refits (--ci boot)" })
      .option("seed", { type: "number", default: 1, describe: "seed of the parametric bootstrap" })
      .option("censoring", {
        choices: ["likelihood", "half-limit", "limit", "exclude"] as const,
        describe: "rows with censored = < or > and their limit: censored-Gaussian likelihood (default when any exist) or a substitution",
      })
      .option("nagq", { type: "number", describe: "with --censoring likelihood: quadrature nodes per random effect (default: automatic, logLik to 1e-6)" }),
  handler: async (args) => {
    const table: DataColumns = readDataTable(args.data).columns;
    const levels = parseLevels(args.levels);
    const censoring = args.censoring ?? (hasCensoredRows(table) ? "likelihood" : undefined);
    if (args.nagq !== undefined && censoring !== "likelihood") throw new LmmInputError("--nagq applies to --censoring likelihood only");
    if (censoring === "likelihood") {
      if (args.anova || args.emmeans !== undefined || args.ci !== undefined) {
        throw new LmmInputError("--anova, --emmeans and --ci are not available for the censored likelihood; use --censoring half-limit, limit or exclude for them");
      }
      try {
        runCensoredLmm(table, { formula: args.formula, by: args.by, levels, nagq: args.nagq, ddf: args.ddf, json: args.json });
      } catch (error) {
        inFile(args.data, error);
      }
      return;
    }
    let data = table;
    if (censoring !== undefined) {
      try {
        data = substituteCensored(table, args.formula, censoring).data;
      } catch (error) {
        inFile(args.data, error);
      }
    }
    if (args.by !== undefined && (args.anova || args.emmeans !== undefined || args.ci !== undefined)) {
      throw new LmmInputError("--anova, --emmeans and --ci apply to a single fit; drop --by or these options");
    }
    if (args.by !== undefined) {
      const fits: FeatureFit[] = [];
      try {
        for await (const row of fitLmmByFeature(data, args.formula, {
          by: args.by,
          reml: !args.ml,
          levels,
          workers: args.workers,
          ddf: args.ddf,
          singularDf: args["singular-df"],
        })) {
          fits.push(row);
        }
      } catch (error) {
        inFile(args.data, error);
      }
      if (args.json) printJson({ fits });
      else printText(formatFeatureFits(fits));
      return;
    }
    let fit;
    try {
      fit = fitLmm(data, args.formula, {
        reml: !args.ml,
        levels,
        denominatorDf: args.ddf === "none" ? undefined : denominatorDf(args.ddf, { singularDf: args["singular-df"] }),
      });
    } catch (error) {
      inFile(args.data, error);
    }
    const wantsInference = args.anova || args.emmeans !== undefined || args.ci !== undefined;
    if (!wantsInference) {
      if (args.json) printJson(lmmSummary(fit));
      else printText(formatLmmSummary(fit));
      return;
    }
    // Issue 5's options: the inference result (df rule, F tests, marginal means, intervals) joins the summary.
    const inference = lmmInference(fit, {
      ddf: args.ddf,
      anova: args.anova,
      emmeans: args.emmeans,
      contrast: args.contrast,
      adjust: args.adjust,
      ci: args.ci ?? "wald",
      level: args.level,
      nsim: args.nsim,
      seed: args.seed,
      singularDf: args["singular-df"],
    });
    const summary = { ...lmmSummary(fit), fixedEffects: inference.fixedEffects, warnings: [...fit.warnings, ...inference.warnings] };
    const { fixedEffects: _f, warnings: _w, emmeans, ...rest } = inference;
    const emmeansJson = emmeans && { ...emmeans, weights: emmeans.weights.map((w) => Array.from(w)) };
    if (args.json) printJson({ ...summary, inference: { ...rest, emmeans: emmeansJson } });
    else printText(formatLmmSummary({ ...summary, residuals: fit.residuals }) + formatLmmInference(inference));
  },
};
