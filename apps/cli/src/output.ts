import { terminalSafe } from "./terminal.js";

/**
 * `--json` prints exactly one JSON document on stdout. JSON.stringify escapes C0 controls; the C1 range
 * and U+2028/2029 are escaped too, so no byte of the document is a terminal control.
 */
export function printJson(document: unknown): void {
  const json = JSON.stringify(document, null, 2).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  process.stdout.write(`${json}\n`);
}

/** Prints text with its control characters neutralised (see terminalSafe). */
export function printText(text: string): void {
  const safe = terminalSafe(text);
  process.stdout.write(safe.endsWith("\n") ? safe : `${safe}\n`);
}
