import { parentPort, workerData } from "node:worker_threads";
import { type InferenceModel, denseZ } from "./marginalModel.js";
import { isSingularFit, modelParameters, simulateResponse } from "./parametricBootstrap.js";
import { profiledRefit } from "./profiledRefit.js";

/** Worker side of parametricBootstrapParallel: refits the replicates of the ranges it receives. */
const { model, seed } = workerData as { model: InferenceModel; seed: number };
const refit = profiledRefit(model);
const z = denseZ(model);
parentPort?.on("message", (message: { from: number; to: number }) => {
  const replicates: (Float64Array | null)[] = [];
  let singular = 0;
  for (let i = message.from; i < message.to; i++) {
    try {
      const fit = refit(simulateResponse(model, z, seed, i));
      if (isSingularFit(fit)) singular++;
      replicates.push(modelParameters(fit).values);
    } catch {
      replicates.push(null);
    }
  }
  parentPort?.postMessage({ from: message.from, replicates, singular });
});
