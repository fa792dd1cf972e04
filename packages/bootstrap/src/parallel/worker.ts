import { parentPort, workerData } from "node:worker_threads";
import { evaluateReplicates } from "../resample/bootstrap.js";
import { featureStatistic, type FeatureStatisticSpec } from "./featureSpec.js";

/** Worker side of bootstrapFeaturesParallel: evaluates the replicate ranges it is sent. */
const { spec, seed } = workerData as { spec: FeatureStatisticSpec; seed: number };
const statistic = featureStatistic(spec);
parentPort?.on("message", ({ from, to }: { from: number; to: number }) => {
  const block = evaluateReplicates(statistic, seed, from, to);
  parentPort?.postMessage({ from, to, block }, [block.buffer as ArrayBuffer]);
});
