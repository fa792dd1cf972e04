import { checkOptions } from "@biomarker/numerics";
import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { type FitOrModel, modelOf } from "./marginalModel.js";
import { type BootstrapOptions, type BootstrapResult, bootstrapOptionSpec, parametricBootstrap, summarizeReplicates } from "./parametricBootstrap.js";
import { plainModel } from "./profiledRefit.js";

function workerScript(): { source: string; eval: true } | { url: URL; eval: false } {
  const url = new URL(import.meta.url.endsWith(".ts") ? "./bootstrapWorker.ts" : "./bootstrapWorker.js", import.meta.url);
  if (!import.meta.url.endsWith(".ts")) return { url, eval: false };
  // From TypeScript sources (tests, tsx) the worker registers tsx before importing the script.
  const require = createRequire(import.meta.url);
  const tsx = pathToFileURL(require.resolve("tsx/package.json").replace(/package\.json$/, "dist/esm/api/index.mjs")).href;
  return { source: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`, eval: true };
}

/**
 * parametricBootstrap on worker threads (default: all cores). Replicates are cut into contiguous shards of
 * at most 50; each replicate has its own random stream and the refit is pure, so the result is identical to
 * the single-threaded run for the same seed, whatever the number of workers.
 */
export async function parametricBootstrapParallel(fit: FitOrModel, options: BootstrapOptions & { workers?: number }): Promise<BootstrapResult> {
  checkOptions("parametricBootstrapParallel", options, { ...bootstrapOptionSpec, workers: "integer" });
  const model = modelOf(fit);
  const shard = 50;
  const nShards = Math.ceil(options.nsim / shard);
  const nWorkers = Math.min(options.workers ?? availableParallelism(), nShards);
  if (nWorkers <= 1 || options.refit) {
    const { workers: _workers, ...single } = options;
    return parametricBootstrap(model, single);
  }
  const plain = plainModel(model);
  const replicates: (Float64Array | null)[] = new Array(options.nsim).fill(null);
  let singular = 0;
  let next = 0;
  const script = workerScript();
  const workers: Worker[] = [];
  await new Promise<void>((resolve, reject) => {
    let done = 0;
    const send = (worker: Worker) => {
      if (next >= nShards) return;
      const from = next * shard;
      next++;
      worker.postMessage({ from, to: Math.min(options.nsim, from + shard) });
    };
    for (let w = 0; w < nWorkers; w++) {
      const data = { workerData: { model: plain, seed: options.seed } };
      const worker = script.eval ? new Worker(script.source, { eval: true, ...data }) : new Worker(script.url, data);
      workers.push(worker);
      worker.on("error", reject);
      worker.on("message", (m: { from: number; replicates: (Float64Array | null)[]; singular: number }) => {
        m.replicates.forEach((r, k) => (replicates[m.from + k] = r));
        singular += m.singular;
        if (++done === nShards) resolve();
        else send(worker);
      });
      send(worker);
    }
  }).finally(() => Promise.all(workers.map((w) => w.terminate())));
  const failed = replicates.filter((r) => r === null).length;
  return summarizeReplicates(model, options, replicates, failed, singular);
}
