import { checkOptions } from "@biomarker/numerics";
import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { parseModelFormula } from "../design/design.js";
import type { DataColumns } from "../design/frame.js";
import { LmmInputError } from "../errors.js";
import type { ModelTerms } from "../formula/terms.js";
import { type BatchFitOptions, type FeatureFit, FeatureFitter, type FeatureTask } from "./fitFeatures.js";

export interface ByFeatureOptions extends BatchFitOptions {
  /** Column naming the feature of each row (long format). */
  readonly by: string;
  /** Worker threads (default: all cores; 1 = fit in this thread). */
  readonly workers?: number;
  /** Features per message to a worker (default 64). */
  readonly chunkSize?: number;
}

/** Splits a long table into one data set per feature, features in order of first appearance. */
export function splitByFeature(data: DataColumns, by: string): FeatureTask[] {
  const key = data[by];
  if (!key) throw new LmmInputError(`unknown feature column '${by}' (columns: ${Object.keys(data).join(", ")})`);
  const rowsOf = new Map<string, number[]>();
  for (let i = 0; i < key.length; i++) {
    const value = key[i];
    if (value === null || value === "") continue;
    const feature = String(value);
    let rows = rowsOf.get(feature);
    if (!rows) rowsOf.set(feature, (rows = []));
    rows.push(i);
  }
  const names = Object.keys(data).filter((c) => c !== by);
  return [...rowsOf.entries()].map(([feature, rows]) => {
    const subset: Record<string, (number | string | null)[]> = {};
    for (const c of names) {
      const column = data[c];
      subset[c] = rows.map((i) => column[i]);
    }
    return { feature, data: subset };
  });
}

function workerScript(): { source: string; eval: true } | { url: URL; eval: false } {
  const url = new URL(import.meta.url.endsWith(".ts") ? "./worker.ts" : "./worker.js", import.meta.url);
  if (!import.meta.url.endsWith(".ts")) return { url, eval: false };
  // Running from TypeScript sources (tests, tsx): the worker registers tsx before importing the script.
  const require = createRequire(import.meta.url);
  const tsx = pathToFileURL(require.resolve("tsx/package.json").replace(/package\.json$/, "dist/esm/api/index.mjs")).href;
  return {
    source: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`,
    eval: true,
  };
}

/**
 * One fit per feature with the same formula, streamed in feature order. Features are fitted on all cores
 * by worker_threads (chunks handed to whichever worker is free); each worker reuses the design across
 * its features. A failed or singular feature is reported in its row and never stops the batch.
 */
export async function* fitLmmByFeature(
  data: DataColumns,
  formula: string | ModelTerms,
  options: ByFeatureOptions,
): AsyncGenerator<FeatureFit> {
  checkOptions("fitLmmByFeature", options, {
    by: "string",
    reml: "boolean",
    levels: "object",
    ddf: ["none", "satterthwaite", "kenward-roger"],
    singularDf: ["as-fitted", "kenward-roger"],
    workers: "integer",
    chunkSize: "integer",
  });
  const terms = parseModelFormula(formula);
  const tasks = splitByFeature(data, options.by);
  const fitOptions: BatchFitOptions = { reml: options.reml, levels: options.levels, ddf: options.ddf, singularDf: options.singularDf };
  const chunkSize = options.chunkSize ?? 64;
  const nChunks = Math.ceil(tasks.length / chunkSize);
  const nWorkers = Math.min(options.workers ?? availableParallelism(), nChunks);
  if (nWorkers <= 1) {
    const fitter = new FeatureFitter(terms, fitOptions);
    for (const task of tasks) yield fitter.fit(task);
    return;
  }

  const results = new Map<number, FeatureFit[]>();
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  let nextChunk = 0;
  const script = workerScript();
  const workers: Worker[] = [];
  const send = (worker: Worker): void => {
    if (nextChunk >= nChunks) return;
    const chunk = nextChunk++;
    worker.postMessage({ chunk, tasks: tasks.slice(chunk * chunkSize, (chunk + 1) * chunkSize) });
  };
  for (let w = 0; w < nWorkers; w++) {
    const worker = script.eval
      ? new Worker(script.source, { eval: true, workerData: { formula: terms.formula, options: fitOptions } })
      : new Worker(script.url, { workerData: { formula: terms.formula, options: fitOptions } });
    worker.on("message", (message: { chunk: number; fits: FeatureFit[] }) => {
      results.set(message.chunk, message.fits);
      send(worker);
      wake?.();
    });
    worker.on("error", (error) => {
      failure = error;
      wake?.();
    });
    workers.push(worker);
    send(worker);
  }
  try {
    for (let chunk = 0; chunk < nChunks; chunk++) {
      while (!results.has(chunk)) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
      const fits = results.get(chunk) as FeatureFit[];
      results.delete(chunk);
      yield* fits;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** All rows of fitLmmByFeature in one array. */
export async function fitLmmByFeatureAll(data: DataColumns, formula: string | ModelTerms, options: ByFeatureOptions): Promise<FeatureFit[]> {
  const out: FeatureFit[] = [];
  for await (const row of fitLmmByFeature(data, formula, options)) out.push(row);
  return out;
}
