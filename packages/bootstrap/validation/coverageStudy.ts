/**
 * Coverage of the bootstrap intervals at small n (docs/bootstrap-coverage.md). For each scenario and n,
 * `replications` data sets are drawn from a known distribution; each is bootstrapped the way the package
 * does by default (replicates "auto": every distinct resample enumerated for n <= 9, 10,000 seeded Monte
 * Carlo replicates at n = 10), with per-resample nested-jackknife SEs for the studentized interval, and
 * every interval is checked for containing the true parameter. Coverage is the share that do; its Monte
 * Carlo SE is sqrt(p (1 - p) / replications).
 *
 *   npx tsx --conditions=source packages/bootstrap/validation/coverageStudy.ts [--replications 2000] [--n 4,5,6] [--out file.json]
 */
import { writeFileSync } from "node:fs";
import { createRandomStream, deriveSeed, type RandomStream } from "@biomarker/numerics";
import { bootstrap, builtinStatistic, INTERVAL_METHODS, summarizeBootstrap, type IntervalMethod, type IntervalScale } from "../src/index.js";

export type ScenarioName = "normal mean" | "skewed mean" | "correlation";

interface Scenario {
  name: ScenarioName;
  /** The true value of the parameter. */
  truth: number;
  /** The parameter's range (endpoints outside it are counted). */
  range: [number, number];
  /** Scales on which the scale-dependent intervals are built. */
  scales: IntervalScale[];
  draw: (rng: RandomStream, n: number) => { x: number[]; y?: number[] };
  statistic: "mean" | "pearson";
}

const RHO = 0.5;

export const SCENARIOS: readonly Scenario[] = [
  { name: "normal mean", truth: 0, range: [-Infinity, Infinity], scales: ["identity"], statistic: "mean", draw: (rng, n) => ({ x: Array.from({ length: n }, () => rng.nextNormal()) }) },
  {
    // Exponential(1): skewness 2, mean 1.
    name: "skewed mean",
    truth: 1,
    range: [0, Infinity],
    scales: ["identity"],
    statistic: "mean",
    draw: (rng, n) => ({ x: Array.from({ length: n }, () => -Math.log(1 - rng.nextDouble())) }),
  },
  {
    // Bivariate normal with correlation 0.5: y = rho x + sqrt(1 - rho^2) e.
    name: "correlation",
    truth: RHO,
    range: [-1, 1],
    scales: ["identity", "fisher-z"],
    statistic: "pearson",
    draw: (rng, n) => {
      const x = Array.from({ length: n }, () => rng.nextNormal());
      return { x, y: x.map((v) => RHO * v + Math.sqrt(1 - RHO * RHO) * rng.nextNormal()) };
    },
  },
];

export interface CoverageCell {
  scenario: ScenarioName;
  n: number;
  method: IntervalMethod;
  scale: IntervalScale;
  replications: number;
  /** Data sets on which the interval exists (not null). */
  defined: number;
  /** Share of all replications whose interval contains the truth (a missing interval counts as a miss). */
  coverage: number;
  /** Monte Carlo SE of the coverage. */
  mcError: number;
  /** Share of intervals missing the truth below / above. */
  missLow: number;
  missHigh: number;
  /** Median width of the defined intervals. */
  medianWidth: number;
  /** Share of defined intervals with an endpoint outside the parameter's range. */
  outsideRange: number;
  /** Share of defined intervals carrying any reliability flag. */
  flagged: number;
  resampling: "exact" | "monte-carlo";
}

/** Methods whose construction depends on the scale; percentile and BCa are reported once (identity). */
const SCALED: readonly IntervalMethod[] = ["basic", "normal", "studentized", "jackknifeT"];

export function coverageCells(scenario: Scenario, n: number, replications: number, seed = 20261204): CoverageCell[] {
  const tallies = new Map<string, { cover: number; low: number; high: number; widths: number[]; outside: number; flagged: number; defined: number }>();
  let exact = true;
  for (let rep = 0; rep < replications; rep++) {
    const rng = createRandomStream(deriveSeed(seed, `${scenario.name}/${n}`, rep));
    const data = scenario.draw(rng, n);
    const statistic = builtinStatistic(scenario.statistic, data);
    for (const scale of scenario.scales) {
      const distribution = bootstrap(statistic, { studentized: scale, seed: deriveSeed(seed, "bootstrap", rep) });
      exact = distribution.exact;
      const summary = summarizeBootstrap(distribution, 0, 0.95, { scale, range: scenario.range });
      for (const method of INTERVAL_METHODS) {
        if (scale !== "identity" && !SCALED.includes(method)) continue;
        const key = `${method}|${scale}`;
        let t = tallies.get(key);
        if (t === undefined) tallies.set(key, (t = { cover: 0, low: 0, high: 0, widths: [], outside: 0, flagged: 0, defined: 0 }));
        const report = summary.reliability[method];
        const interval = report.interval;
        if (interval === null) continue;
        t.defined++;
        if (interval[0] <= scenario.truth && scenario.truth <= interval[1]) t.cover++;
        else if (scenario.truth < interval[0]) t.low++;
        else t.high++;
        t.widths.push(interval[1] - interval[0]);
        if (interval[0] < scenario.range[0] || interval[1] > scenario.range[1]) t.outside++;
        if (report.flags.length > 0) t.flagged++;
      }
    }
  }
  return [...tallies].map(([key, t]) => {
    const [method, scale] = key.split("|") as [IntervalMethod, IntervalScale];
    const coverage = t.cover / replications;
    const widths = t.widths.sort((a, b) => a - b);
    return {
      scenario: scenario.name,
      n,
      method,
      scale,
      replications,
      defined: t.defined,
      coverage,
      mcError: Math.sqrt((coverage * (1 - coverage)) / replications),
      missLow: t.low / replications,
      missHigh: t.high / replications,
      medianWidth: widths.length === 0 ? Number.NaN : (widths[(widths.length - 1) >> 1] + widths[widths.length >> 1]) / 2,
      outsideRange: t.defined === 0 ? 0 : t.outside / t.defined,
      flagged: t.defined === 0 ? 0 : t.flagged / t.defined,
      resampling: exact ? "exact" : "monte-carlo",
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string): string | undefined => {
    const k = process.argv.indexOf(`--${name}`);
    return k < 0 ? undefined : process.argv[k + 1];
  };
  const replications = Number(arg("replications") ?? 2000);
  const ns = (arg("n") ?? "4,5,6,7,8,9,10").split(",").map(Number);
  const only = arg("scenario");
  const out = arg("out");
  const cells: CoverageCell[] = [];
  for (const scenario of SCENARIOS) {
    if (only !== undefined && scenario.name !== only) continue;
    for (const n of ns) {
      const started = Date.now();
      cells.push(...coverageCells(scenario, n, replications));
      process.stderr.write(`${scenario.name} n=${n}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    }
  }
  const json = JSON.stringify({ replications, nominal: 0.95, cells }, null, 1);
  if (out) writeFileSync(out, `${json}\n`);
  else process.stdout.write(`${json}\n`);
}
