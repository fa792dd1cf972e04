import yargs from "yargs";
import { adjustCommand } from "./commands/adjust.js";
import { bootstrapCommand } from "./commands/bootstrap.js";
import { correlateCommand } from "./commands/correlate.js";
import { lmmCommand } from "./commands/lmm.js";
import { reportCommand } from "./commands/report.js";
import { scoreCommand } from "./commands/score.js";
import { simulateCommand } from "./commands/simulate.js";
import { validateCommand } from "./commands/validate.js";
import { toolkitVersion } from "./version.js";
import { describeFailure } from "./failure.js";
import { ExitCode } from "./exitCodes.js";

/**
 * Runs the `biomarker` command and returns its exit code: 0 success, 1 bad input (a message naming
 * file, row and column on stderr, no stack trace), 2 usage error.
 */
export async function runCli(argv: string[]): Promise<number> {
  let usageError: string | undefined;
  const parser = yargs(argv)
    .scriptName("biomarker")
    .usage("$0 <command> [options]\n\nLongitudinal biomarker statistics for small clinical cohorts.")
    .command(validateCommand)
    .command(simulateCommand)
    .command(lmmCommand)
    .command(correlateCommand)
    .command(adjustCommand)
    .command(bootstrapCommand)
    .command(scoreCommand)
    .command(reportCommand)
    .demandCommand(1, "Name a command; see --help.")
    .strict()
    .version(toolkitVersion)
    .help()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      if (error) throw error;
      usageError = message;
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    const failure = describeFailure(error);
    process.stderr.write(`biomarker: ${failure.message}\n`);
    return failure.exitCode;
  }
  if (usageError !== undefined) {
    process.stderr.write(`biomarker: ${usageError}\nRun 'biomarker --help' for usage.\n`);
    return ExitCode.Usage;
  }
  return typeof process.exitCode === "number" ? process.exitCode : ExitCode.Ok;
}
