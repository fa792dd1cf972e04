import { checkOptions } from "@biomarker/numerics";
import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { BootstrapInputError } from "../errors.js";
import { assembleDistribution, bootstrap, bootstrapOptionSpec, resamplingPlan, type BootstrapDistribution, type BootstrapOptions } from "../resample/bootstrap.js";
import { featureStatistic, type FeatureStatisticSpec } from "./featureSpec.js";

/** Replicates per message to a worker: small enough to balance, large enough to amortise messaging. */
const SHARD = 1000;

function workerScript(): { source: string; eval: true } | { url: URL; eval: false } {
  const fromSource = import.meta.url.endsWith(".ts");
  const url = new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url);
  if (!fromSource) return { url, eval: false };
  // Running from TypeScript sources (tests, tsx): the worker registers tsx before importing the script.
  const require = createRequire(import.meta.url);
  const tsx = pathToFileURL(require.resolve("tsx/package.json").replace(/package\.json$/, "dist/esm/api/index.mjs")).href;
  return { source: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`, eval: true };
}

/**
 * `bootstrap` of a per-feature statistic on worker threads (default: every core). Monte Carlo
 * replicates are cut into contiguous shards; replicate r draws from its own stream, so the distribution
 * is byte-identical to the single-threaded one for the same seed, whatever the number of workers.
 * Exact enumeration (at most DEFAULT_EXACT_LIMIT resamples) and workers <= 1 run in this thread.
 */
export async function bootstrapFeaturesParallel(
  spec: FeatureStatisticSpec,
  options: BootstrapOptions & { workers?: number } = {},
): Promise<BootstrapDistribution> {
  checkOptions("bootstrapFeaturesParallel", options, { ...bootstrapOptionSpec, workers: "integer" });
  const { workers: requestedWorkers, ...resampling } = options;
  const statistic = featureStatistic(spec);
  const plan = resamplingPlan(statistic.unitCount, resampling);
  const shards = Math.ceil(plan.replicates / SHARD);
  const workers = Math.min(requestedWorkers ?? availableParallelism(), shards);
  if (!Number.isInteger(workers) || workers < 1) throw new BootstrapInputError(`workers must be a positive integer, got ${requestedWorkers}`);
  if (plan.exact || workers <= 1) return bootstrap(statistic, resampling);
  const R = plan.replicates;
  const m = statistic.names.length;
  const values = new Float64Array(R * m);
  const script = workerScript();
  const pool: Worker[] = [];
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    let done = 0;
    const send = (worker: Worker): void => {
      if (next >= shards) return;
      const from = next * SHARD;
      next++;
      worker.postMessage({ from, to: Math.min(R, from + SHARD) });
    };
    for (let w = 0; w < workers; w++) {
      const data = { workerData: { spec, seed: plan.seed } };
      const worker = script.eval ? new Worker(script.source, { eval: true, ...data }) : new Worker(script.url, data);
      pool.push(worker);
      worker.on("error", reject);
      worker.on("message", ({ from, to, block }: { from: number; to: number; block: Float64Array }) => {
        const length = to - from;
        for (let j = 0; j < m; j++) values.set(block.subarray(j * length, (j + 1) * length), j * R + from);
        if (++done === shards) resolve();
        else send(worker);
      });
      send(worker);
    }
  }).finally(() => Promise.all(pool.map((w) => w.terminate())));
  return assembleDistribution(statistic, plan, values);
}
