import { ExitCode } from "./exitCodes.js";

/**
 * Errors raised for bad user input carry `inputError: true` (see the typed error classes in
 * @biomarker/schema, @biomarker/lmm and @biomarker/report); their message already names file, row and
 * column. Anything else is a bug and keeps its stack for the report.
 */
export function describeFailure(error: unknown): { message: string; exitCode: number } {
  if (isInputError(error)) return { message: error.message, exitCode: ExitCode.BadInput };
  if (error instanceof Error) {
    return {
      message: `internal error (please report it): ${error.stack ?? error.message}`,
      exitCode: ExitCode.Internal,
    };
  }
  return { message: `internal error (please report it): ${String(error)}`, exitCode: ExitCode.Internal };
}

function isInputError(error: unknown): error is Error & { inputError: true } {
  return error instanceof Error && (error as { inputError?: unknown }).inputError === true;
}
