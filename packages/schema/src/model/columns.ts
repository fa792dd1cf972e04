import { SLEDAI2K_DESCRIPTORS, type Sledai2kDescriptor } from "./study.js";

/** Column names of the study-folder files (snake_case, as written by the simulator). */
export const MEASUREMENT_COLUMNS = [
  "subject",
  "visit",
  "day",
  "feature",
  "value",
  "unit",
  "censored",
  "limit",
] as const;
export const SUBJECT_COLUMNS = ["subject", "sex", "age"] as const;
export const SAMPLE_COLUMNS = ["sample", "subject", "visit", "day", "viability", "haemolysis", "volume_ml"] as const;
export const FEATURE_COLUMNS = ["feature", "label", "kind", "panel", "gate_path", "parent", "unit", "lloq"] as const;
export const SINGLE_CELL_COLUMNS = ["subject", "visit", "day", "cell_type", "count"] as const;

/** camelCase descriptor -> snake_case column, e.g. organicBrainSyndrome -> organic_brain_syndrome. */
export function descriptorColumn(d: Sledai2kDescriptor): string {
  return d.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export const CLINICAL_COLUMNS = [
  "subject",
  "visit",
  "day",
  ...SLEDAI2K_DESCRIPTORS.map(descriptorColumn),
  "sledai2k",
  "pga",
  "prednisone_mg_day",
  "immunosuppressants_stable",
] as const;
