/**
 * Runs the score validation (docs/scoring.md, "Validation") and prints its tables as Markdown:
 *   npx tsx --conditions=source tools/score-validation/src/run.ts [--cohorts 40] [--first-seed 2001]
 */
import { cohortPrecision, validationTable, withinComparator, type Generator } from "./validate.js";

const arg = (name: string): string | undefined => {
  const k = process.argv.indexOf(`--${name}`);
  return k < 0 ? undefined : process.argv[k + 1];
};
const cohorts = Number(arg("cohorts") ?? 40);
const first = Number(arg("first-seed") ?? 2001);
const only = arg("generator");
const f3 = (x: number) => (Number.isNaN(x) ? "NA" : x.toFixed(3));
process.stdout.write(`Within-subject comparator: ${withinComparator.name}\n`);
for (const generator of ["simulateCohort", "second generator"] as Generator[]) {
  if (only !== undefined && only !== generator) continue;
  const results = Array.from({ length: cohorts }, (_, k) => {
    const r = cohortPrecision(generator, first + k);
    process.stderr.write(`${generator} seed ${first + k}\n`);
    return r;
  });
  const candidates = results.reduce((a, r) => a + r.candidates, 0) / cohorts;
  const trueCandidates = results.reduce((a, r) => a + r.trueCandidates, 0) / cohorts;
  process.stdout.write(
    `\n### ${generator}: ${cohorts} cohorts (seeds ${first}-${first + cohorts - 1}), ${candidates.toFixed(1)} candidates of which ${trueCandidates.toFixed(1)} track the outcome; excluded: ${results[0].excluded.join(", ") || "none"}\n\n`,
  );
  process.stdout.write("| ranking | precision@5 (SE) | precision@10 (SE) | cohorts | features selected (mean) |\n| --- | --- | --- | --- | --- |\n");
  for (const row of validationTable(results)) {
    process.stdout.write(`| ${row.method} | ${f3(row.precisionAt5)} (${f3(row.se5)}) | ${f3(row.precisionAt10)} (${f3(row.se10)}) | ${row.cohorts} | ${row.meanSelected.toFixed(1)} |\n`);
  }
}
