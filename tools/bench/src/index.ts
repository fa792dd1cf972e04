import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** One benchmark: a workload, how often to run it, the target it must meet, and optionally R's equivalent. */
export interface BenchCase {
  name: string;
  /** The workload; timed as a whole per iteration. */
  run: () => unknown | Promise<unknown>;
  /** Iterations to time (after one warm-up run). Default 1. */
  iterations?: number;
  /** The target, in milliseconds per iteration, stated by the issue that asked for it. */
  targetMs?: number;
  /** R code that does the same work and prints the seconds per iteration on its last line. */
  r?: string;
}

export interface BenchResult {
  package: string;
  name: string;
  iterations: number;
  msPerIteration: number;
  targetMs: number | null;
  meetsTarget: boolean | null;
  heapDeltaMb: number;
  rssMb: number;
  rMsPerIteration: number | null;
}

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const resultsDir = join(repoRoot, ".bench");

/** True when Rscript is on the PATH and BIOMARKER_BENCH_R is not "0". */
export function rAvailable(): boolean {
  if (process.env.BIOMARKER_BENCH_R === "0") return false;
  return spawnSync("Rscript", ["--version"], { stdio: "ignore" }).status === 0;
}

function timeR(code: string): number | null {
  try {
    const out = execFileSync("Rscript", ["-e", code], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const last = out.trim().split("\n").at(-1) ?? "";
    const seconds = Number(last.replace(/^\[1\]\s*/, ""));
    return Number.isFinite(seconds) ? seconds * 1000 : null;
  } catch {
    return null;
  }
}

/** Runs the cases in order, prints one line each and writes .bench/<package>.json for the summary table. */
export async function runBenchmarks(packageName: string, cases: BenchCase[]): Promise<BenchResult[]> {
  const withR = rAvailable();
  const results: BenchResult[] = [];
  for (const c of cases) {
    const iterations = c.iterations ?? 1;
    await c.run();
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) await c.run();
    const ms = Number(process.hrtime.bigint() - start) / 1e6 / iterations;
    const memory = process.memoryUsage();
    const result: BenchResult = {
      package: packageName,
      name: c.name,
      iterations,
      msPerIteration: ms,
      targetMs: c.targetMs ?? null,
      meetsTarget: c.targetMs === undefined ? null : ms <= c.targetMs,
      heapDeltaMb: (memory.heapUsed - heapBefore) / 2 ** 20,
      rssMb: memory.rss / 2 ** 20,
      rMsPerIteration: withR && c.r ? timeR(c.r) : null,
    };
    results.push(result);
    process.stdout.write(`${packageName} ${c.name}: ${ms.toFixed(3)} ms\n`);
  }
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${packageName.replace("@biomarker/", "")}.json`), JSON.stringify(results, null, 2));
  return results;
}
