/**
 * Prints the table of docs/associations.md: false discovery proportion, true associates found and sign
 * agreement of the within model and of rmcorr on the cohorts of test/withinSimulation.ts.
 *   npx tsx --conditions=source packages/correlation/test/withinFdrReport.ts [cohorts = 200] [seed = 20261204]
 */
import { ASSOCIATES, NULL_FEATURES, fdrStudy } from "./withinSimulation.js";

const cohorts = Number(process.argv[2] ?? 200);
const seed = Number(process.argv[3] ?? 20261204);
const { within, rmcorr } = fdrStudy(cohorts, seed);
const fmt = (v: number, d = 3) => v.toFixed(d);
console.log(`${cohorts} cohorts (seed ${seed}), ${NULL_FEATURES} null features sharing the time course + ${ASSOCIATES} true associates, BH at q = 0.05`);
console.log("");
console.log("| method | mean false discovery proportion | true associates found (of 5) | discoveries with the true sign |");
console.log("| --- | --- | --- | --- |");
for (const [name, s] of [["within (Satterthwaite)", within], ["rmcorr", rmcorr]] as const) {
  console.log(`| ${name} | ${fmt(s.meanFdp)} | ${fmt(s.meanTruePositives, 2)} | ${fmt(s.correctSign)} |`);
}
