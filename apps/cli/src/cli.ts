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
import { UsageError } from "./usageError.js";
import { terminalSafe } from "./terminal.js";
import { stdinAsFile } from "./stdinData.js";

/**
 * Runs the `biomarker` command and returns its exit code: 0 success, 1 bad input (a message naming
 * file, row and column on stderr, no stack trace), 2 usage error.
 */
export async function runCli(argv: string[]): Promise<number> {
  const parser = yargs(joinStdinValues(argv))
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
    .middleware((argv) => {
      // `--data -` reads the study (one long CSV/TSV) from stdin.
      if (argv.data === "-") argv.data = stdinAsFile();
    })
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
      process.stderr.write(`biomarker: ${terminalSafe(error.message)}\nRun 'biomarker --help' for usage.\n`);
      return ExitCode.Usage;
    }
    const failure = describeFailure(error);
    process.stderr.write(`biomarker: ${terminalSafe(failure.message)}\n`);
    return failure.exitCode;
  }
  return typeof process.exitCode === "number" ? process.exitCode : ExitCode.Ok;
}

/** yargs reads a lone `-` as a positional, not as an option's value: `--data -` becomes `--data=-`. */
function joinStdinValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === "--data" && argv[k + 1] === "-") {
      out.push("--data=-");
      k += 1;
    } else out.push(argv[k]);
  }
  return out;
}
