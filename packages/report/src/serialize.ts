import type { Results } from "./results.js";
import { stableJson } from "./format/stableJson.js";

/** results.json: keys sorted, numbers at 10 significant digits, no timestamps; byte-identical for the same inputs and seed. */
export function serializeResults(results: Results): string {
  return stableJson(results);
}
