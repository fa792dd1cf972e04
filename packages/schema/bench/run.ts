import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runBenchmarks } from "@biomarker/bench-harness";
import { readLongTable, readStudy } from "../src/index.js";

// The package script runs this with --max-old-space-size=768: exceeding the 1 GB target fails the bench.
const quick = process.env.BIOMARKER_BENCH_QUICK === "1";
const rows = quick ? 100_000 : 1_000_000;

/**
 * A long CSV with `n` rows: 50 subjects x 10 visits x n/500 features, values with 4 significant digits,
 * every 40th value left-censored. Written to the OS temp folder, never committed.
 */
function writeLongCsv(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), "schema-bench-"));
  const file = join(dir, "measurements.csv");
  const days = [-7, 0, 3, 7, 14, 28, 56, 84, 168, 364];
  const featuresPerVisit = n / (50 * days.length);
  writeFileSync(file, "subject,visit,day,feature,value,unit,censored,limit\n");
  let k = 0;
  for (let s = 0; s < 50; s++) {
    const subject = String(s + 1).padStart(3, "0");
    const chunk: string[] = [];
    for (const day of days) {
      for (let f = 0; f < featuresPerVisit; f++) {
        k += 1;
        chunk.push(
          k % 40 === 0
            ? `${subject},D${day},${day},feature_${f},,cells/uL,<,1`
            : `${subject},D${day},${day},feature_${f},${((k * 7919) % 100000) / 1000},%,,`
        );
      }
    }
    appendFileSync(file, `${chunk.join("\n")}\n`);
  }
  return file;
}

const file = writeLongCsv(rows);
try {
  await runBenchmarks("@biomarker/schema", [
    {
      name: `readLongTable: read + validate a ${rows.toLocaleString("en")}-row long CSV`,
      run: () => readLongTable(file),
      iterations: 1,
      targetMs: quick ? 500 : 5000,
      r: `f <- "${file}"; t <- system.time(d <- read.csv(f, colClasses = c(subject = "character")))[["elapsed"]]; cat(t, "\\n")`,
    },
    {
      name: `readStudy: the same file as a study (subjects and features inferred)`,
      run: () => readStudy(file),
      iterations: 1,
      targetMs: quick ? 500 : 5000,
    },
  ]);
} finally {
  rmSync(file, { force: true });
}
