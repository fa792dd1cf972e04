import { vi } from "vitest";
import { runCli } from "../../src/cli.js";

/** What one `biomarker` invocation produced: its exit code and everything written to stdout and stderr. */
export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process on `argv`, capturing stdout and stderr by spying on their `write`. */
export async function runCommand(argv: string[]): Promise<CommandRun> {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const code = await runCli(argv);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

/** For `afterEach`: undoes the spies of a run that threw and the exit code a command left behind. */
export function restoreCliState(): void {
  vi.restoreAllMocks();
  process.exitCode = undefined;
}
