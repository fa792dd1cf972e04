import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, truncateSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_INPUT_BYTES, readLongTable } from "../src/index.js";
import { inputErrorOf } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "schema-resources-"));
const child = join(__dirname, "support", "readLongFile.ts");

/** A long table of `rows` rows (about 30 bytes each). */
function longFile(name: string, rows: number): string {
  const file = join(dir, name);
  const fd = openSync(file, "w");
  writeSync(fd, "subject,day,feature,value,unit\n");
  const block: string[] = [];
  for (let r = 0; r < rows; r++) {
    block.push(`s${r % 50},${Math.floor(r / 50) % 1000},f${Math.floor(r / 50000)},${(r % 97) / 10},%\n`);
    if (block.length === 10000) writeSync(fd, block.splice(0).join(""));
  }
  writeSync(fd, block.join(""));
  closeSync(fd);
  return file;
}

const readWithHeap = (file: string, heapMb: number) =>
  spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, "--import", "tsx", "--conditions=source", child, file], {
    encoding: "utf8",
    timeout: 240_000,
  });

describe("file size and memory limits", () => {
  it("a file above the supported size is refused before it is read, saying what is supported", () => {
    const file = join(dir, "huge.csv");
    closeSync(openSync(file, "w"));
    truncateSync(file, MAX_INPUT_BYTES + 1); // sparse: no disk used
    const error = inputErrorOf(() => readLongTable(file));
    expect(error.issues[0].message).toMatch(/^the file is too large \(500 MB\); files up to 500 MB are supported/);
  });

  it("under a capped heap, a file that would not fit is refused with a clear message (exit code, no V8 abort)", () => {
    const file = longFile("big.csv", 200_000); // about 3.5 MB, about 70 MB of heap to read
    const capped = readWithHeap(file, 48);
    expect(capped.status).toBe(1);
    expect(capped.stdout).toMatch(/too large for this process's memory .* NODE_OPTIONS=--max-old-space-size/);
    const roomy = readWithHeap(file, 512);
    expect(roomy.stderr).toBe("");
    expect(roomy.stdout).toBe("rows 200000\n");
  });
});
