import { fileURLToPath } from "node:url";
import type { CommandModule } from "yargs";
import { checkReport, createProgressBar, createReport, defaultPlanYaml, GoldenMismatchError, loadReportStudy, starterPlanYaml } from "@biomarker/report";
import { printJson, printText } from "../output.js";

/** The bundled simulated cohort, relative to this file in src/commands or dist/commands. */
const bundledCohort = fileURLToPath(new URL("../../../../datasets/csle-bite-sim", import.meta.url));

interface ReportArgs {
  data: string;
  plan?: string;
  out: string;
  force: boolean;
  quiet: boolean;
  seed?: number;
  check?: string;
  "print-plan": boolean;
  json: boolean;
}

export const reportCommand: CommandModule = {
  command: "report",
  describe: "Run the analysis plan on a study and write index.html, report.md, results.json and CSV tables",
  builder: (yargs) =>
    yargs
      .option("data", { type: "string", default: bundledCohort, defaultDescription: "the bundled cohort datasets/csle-bite-sim", describe: "Study folder (with study.json) or data file" })
      .option("plan", { type: "string", describe: "Analysis plan (JSON or YAML); default: the documented default plan (docs/plan.md)" })
      .option("out", { type: "string", default: "report", describe: "Output folder, outside the study folder; created if missing; must be new, empty, or an earlier report with --force" })
      .option("force", { type: "boolean", default: false, describe: "Replace the earlier report in --out (only a folder holding a report)" })
      .option("quiet", { type: "boolean", default: false, describe: "No progress bar and no summary" })
      .option("seed", { type: "number", describe: "Overrides the plan's seed" })
      .option("check", { type: "string", describe: "Recompute and compare with GOLDEN_DIR/results.json by row keys; exit 1 listing missing, added and changed values; writes nothing" })
      .option("print-plan", { type: "boolean", default: false, describe: "Print a plan as YAML (to copy and edit) and exit: with --data, a starter plan for that study (its features, visits, outcomes); else the default plan of the bundled cohort" })
      .option("json", { type: "boolean", default: false, describe: "Print one JSON document" }) as never,
  handler: (argv) => {
    const args = argv as unknown as ReportArgs;
    if (args["print-plan"]) {
      printText(args.data === bundledCohort ? defaultPlanYaml() : starterPlanYaml(loadReportStudy(args.data)));
      return;
    }
    const progress = args.quiet || args.json ? null : createProgressBar(process.stderr);
    const input = { data: args.data, plan: args.plan, seed: args.seed, onStep: progress?.onStep };
    try {
      if (args.check !== undefined) {
        const check = checkReport({ ...input, golden: args.check });
        progress?.stop();
        if (!check.ok) throw new GoldenMismatchError(check.message);
        if (args.json) printJson({ ok: true, golden: check.goldenFile });
        else if (!args.quiet) printText(check.message);
        return;
      }
      const written = createReport({ ...input, out: args.out, force: args.force });
      progress?.stop();
      if (args.json) printJson({ outDir: written.outDir, files: written.files });
      else if (!args.quiet) printText(`wrote ${written.files.length} files to ${written.outDir} (open index.html)`);
    } finally {
      progress?.stop();
    }
  },
};
