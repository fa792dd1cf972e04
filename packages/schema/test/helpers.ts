import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputDataError } from "../src/index.js";

/** Writes the files into a fresh temporary folder and returns its path. */
export function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "schema-test-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Runs `fn`, expecting an InputDataError, and returns it. */
export function inputErrorOf(fn: () => unknown): InputDataError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputDataError) return error;
    throw error;
  }
  throw new Error("expected an InputDataError");
}
