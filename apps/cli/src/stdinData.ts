import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CliInputError } from "./inputError.js";

/**
 * `--data -`: copies stdin (a long CSV, or TSV when it has tabs) into a private temporary folder, since
 * the study readers take a path; the file is named `stdin.csv`/`stdin.tsv` so messages say where a row
 * came from.
 */
export function stdinAsFile(): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(0);
  } catch (error) {
    throw new CliInputError(`--data -: cannot read stdin (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (bytes.length === 0) throw new CliInputError("--data -: stdin is empty");
  const end = bytes.indexOf(0x0a);
  const firstLine = bytes.subarray(0, end < 0 ? bytes.length : end).toString("latin1");
  const name = firstLine.includes("\t") ? "stdin.tsv" : "stdin.csv";
  const file = join(mkdtempSync(join(tmpdir(), "biomarker-stdin-")), name);
  writeFileSync(file, bytes);
  return file;
}
