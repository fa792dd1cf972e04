/** Resampling units over observations: every observation of a subject moves with it. */
export interface UnitLayout {
  /** The unit (0-based) of each observation. */
  unitOfObservation: Int32Array;
  /** Unit labels in order of first appearance. */
  unitNames: string[];
}

/** Units = distinct cluster labels in order of first appearance, or one unit per observation without clusters. */
export function unitLayout(observations: number, cluster?: readonly (string | number)[]): UnitLayout {
  if (cluster === undefined) {
    return {
      unitOfObservation: Int32Array.from({ length: observations }, (_, k) => k),
      unitNames: Array.from({ length: observations }, (_, k) => String(k + 1)),
    };
  }
  const index = new Map<string, number>();
  const unitOfObservation = new Int32Array(observations);
  for (let k = 0; k < observations; k++) {
    const label = String(cluster[k]);
    let unit = index.get(label);
    if (unit === undefined) {
      unit = index.size;
      index.set(label, unit);
    }
    unitOfObservation[k] = unit;
  }
  return { unitOfObservation, unitNames: [...index.keys()] };
}

/** Observation weights w_k = counts[unit of k]. */
export function observationWeights(layout: UnitLayout, counts: Int32Array, out: Float64Array): Float64Array {
  for (let k = 0; k < out.length; k++) out[k] = counts[layout.unitOfObservation[k]];
  return out;
}
