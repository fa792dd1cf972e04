import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, type BenchResult } from "./index.js";

/** Prints every package's benchmark results as one table (npm run bench runs this last). */
const dir = join(repoRoot, ".bench");
const rows: BenchResult[] = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .flatMap((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as BenchResult[])
  : [];

const fmt = (ms: number | null) => (ms === null ? "-" : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(3)} ms`);
const header = ["package", "benchmark", "time/iter", "target", "ok", "heap MB", "rss MB", "R time/iter", "R / ours"];
const body = rows.map((r) => [
  r.package.replace("@biomarker/", ""),
  r.name,
  fmt(r.msPerIteration),
  fmt(r.targetMs),
  r.meetsTarget === null ? "-" : r.meetsTarget ? "yes" : "NO",
  r.heapDeltaMb.toFixed(1),
  r.rssMb.toFixed(0),
  fmt(r.rMsPerIteration),
  r.rMsPerIteration === null ? "-" : `${(r.rMsPerIteration / r.msPerIteration).toFixed(1)}x`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const row of body) console.log(line(row));
if (rows.some((r) => r.meetsTarget === false)) process.exitCode = 1;
