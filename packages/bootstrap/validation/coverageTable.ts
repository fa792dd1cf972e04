/**
 * Renders coverage-study results (JSON from coverageStudy.ts --out) as the Markdown tables of
 * docs/bootstrap-coverage.md:
 *   npx tsx --conditions=source packages/bootstrap/validation/coverageTable.ts results1.json [results2.json ...]
 */
import { readFileSync } from "node:fs";
import type { CoverageCell } from "./coverageStudy.js";

const cells: CoverageCell[] = process.argv.slice(2).flatMap((file) => (JSON.parse(readFileSync(file, "utf8")) as { cells: CoverageCell[] }).cells);
const percent = (x: number) => (100 * x).toFixed(1);
for (const scenario of [...new Set(cells.map((c) => c.scenario))]) {
  const rows = cells.filter((c) => c.scenario === scenario);
  const ns = [...new Set(rows.map((c) => c.n))].sort((a, b) => a - b);
  const replications = ns.map((n) => rows.find((c) => c.n === n)?.replications ?? 0);
  process.stdout.write(`\n#### ${scenario}\n\nCoverage (%) of the nominal 95% interval; data sets per n: ${ns.map((n, k) => `${n}: ${replications[k]}`).join(", ")}. `);
  process.stdout.write(`In brackets: % of the intervals with an endpoint outside the parameter's range (where not 0).\n\n`);
  process.stdout.write(`| interval | scale | ${ns.map((n) => `n = ${n}`).join(" | ")} |\n| --- | --- | ${ns.map(() => "---").join(" | ")} |\n`);
  const keys = [...new Set(rows.map((c) => `${c.method}|${c.scale}`))];
  for (const key of keys) {
    const [method, scale] = key.split("|");
    const entries = ns.map((n) => {
      const c = rows.find((x) => x.n === n && x.method === method && x.scale === scale);
      if (c === undefined) return "";
      if (c.defined === 0) return "undefined";
      const undefinedShare = 1 - c.defined / c.replications;
      const notes = [c.outsideRange > 0 ? `${percent(c.outsideRange)} out` : "", undefinedShare > 0 ? `${percent(undefinedShare)} undef.` : ""].filter((s) => s !== "");
      return `${percent(c.coverage)}${notes.length > 0 ? ` [${notes.join("; ")}]` : ""}`;
    });
    process.stdout.write(`| ${method} | ${scale} | ${entries.join(" | ")} |\n`);
  }
  const worst = Math.max(...rows.map((c) => c.mcError));
  const widths = ns.map((n) => {
    const c = rows.filter((x) => x.n === n && x.defined > 0).map((x) => `${x.method}${x.scale === "identity" ? "" : ` (${x.scale})`} ${x.medianWidth.toFixed(2)}`);
    return `n = ${n}: ${c.join(", ")}`;
  });
  process.stdout.write(`\nLargest Monte Carlo SE in this table: ${percent(worst)} percentage points. Median widths: ${widths.filter((_, k) => ns[k] === 6).join("")}.\n`);
}
