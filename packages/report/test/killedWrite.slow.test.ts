import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { prepareOutputDir } from "../src/index.js";
import { reportFiles } from "../src/output/writeReport.js";
import { twoReports } from "./support/twoReports.js";

const child = join(__dirname, "support", "writeReportsForever.ts");

function filesUnder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return out;
}

/** Starts the writer, waits for its first report, lets it run `ms` more, then kills it with SIGKILL. */
function killAfter(out: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ["--import", "tsx", "--conditions=source", child, out], { stdio: ["ignore", "pipe", "inherit"] });
    p.stdout.once("data", () => setTimeout(() => p.kill("SIGKILL"), ms));
    p.on("exit", () => resolve());
    p.on("error", reject);
  });
}

describe("a report write killed with SIGKILL leaves the old report or the new one, never a mix", () => {
  it("after each of 6 kills at spread-out moments, --out holds exactly one of the two reports", async () => {
    const expected = twoReports().map(reportFiles);
    const parent = mkdtempSync(join(tmpdir(), "report-kill-"));
    const out = join(parent, "report");
    for (let k = 0; k < 6; k++) {
      await killAfter(out, 5 + 71 * k);
      // The next run's check puts back a report displaced between the two renames and drops temporaries.
      expect(() => prepareOutputDir(out, { force: true, inputDirs: [] })).not.toThrow();
      expect(existsSync(out)).toBe(true);
      const found = filesUnder(out);
      const match = expected.findIndex((files) => found.size === files.size && [...files].every(([name, text]) => found.get(name) === text));
      expect(match, `kill ${k}: the folder mixes the two reports`).toBeGreaterThanOrEqual(0);
      expect(readdirSync(parent)).toEqual(["report"]);
    }
  });
});
