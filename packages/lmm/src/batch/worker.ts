import { parentPort, workerData } from "node:worker_threads";
import { parseModelFormula } from "../design/design.js";
import { type BatchFitOptions, FeatureFitter, type FeatureTask } from "./fitFeatures.js";

/** Worker side of fitLmmByFeature: fits each chunk of features it receives with one FeatureFitter. */
const { formula, options } = workerData as { formula: string; options: BatchFitOptions };
const fitter = new FeatureFitter(parseModelFormula(formula), options);
parentPort?.on("message", (message: { chunk: number; tasks: FeatureTask[] }) => {
  parentPort?.postMessage({ chunk: message.chunk, fits: message.tasks.map((task) => fitter.fit(task)) });
});
