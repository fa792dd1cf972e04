import yargs from "yargs";
import { adjustCommand } from "./commands/adjust.js";
import { bootstrapCommand } from "./commands/bootstrap.js";
import { correlateCommand } from "./commands/correlate.js";
import { glmmCommand } from "./commands/glmm.js";
import { lmmCommand } from "./commands/lmm.js";
import { reportCommand } from "./commands/report.js";
import { scoreCommand } from "./commands/score.js";
import { simulateCommand } from "./commands/simulate.js";
import { validateCommand } from "./commands/validate.js";
import { toolkitVersion } from "./version.js";
import { describeFailure } from "./failure.js";
import { ExitCode } from "./exitCodes.js";
import { UsageError } from "./usageError.js";

/**
 * Runs the `biomarker` command and returns its exit code: 0 success, 1 bad input (a message naming
 * file, row and column on stderr, no stack trace), 2 usage error.
 */
export async function runCli(argv: string[]): Promise<number> {
  const parser = yargs(argv)
    .scriptName("biomarker")
    .usage("$0 <command> [options]\n\nLongitudinal biomarker statistics for small clinical cohorts.")
    .command(validateCommand)
    .command(simulateCommand)
    .command(lmmCommand)
    .command(glmmCommand)
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
      // Throwing here stops yargs before any handler runs (invalid choices, unknown options, failed
      // .check()s: yargs reports those as YError). Errors thrown by a handler pass through unchanged.
      if (error && error.name !== "YError") throw error;
      throw new UsageError(message ?? error?.message ?? "invalid command line");
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`biomarker: ${error.message}\nRun 'biomarker --help' for usage.\n`);
      return ExitCode.Usage;
    }
    const failure = describeFailure(error);
    process.stderr.write(`biomarker: ${failure.message}\n`);
    return failure.exitCode;
  }
  return typeof process.exitCode === "number" ? process.exitCode : ExitCode.Ok;
}
