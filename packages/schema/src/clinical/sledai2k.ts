import { SLEDAI2K_DESCRIPTORS, type Sledai2kDescriptor, type Sledai2kDescriptors } from "../model/study.js";

/**
 * SLEDAI-2K descriptor weights, Gladman, Ibanez & Urowitz (2002), J Rheumatol 29:288-291: neurological
 * and vasculitis 8, renal and musculoskeletal 4, mucocutaneous, serosal and immunological 2, fever and
 * haematological 1. The maximum score is 8*8 + 6*4 + 7*2 + 3*1 = 105.
 */
export const SLEDAI2K_WEIGHTS: Readonly<Record<Sledai2kDescriptor, 8 | 4 | 2 | 1>> = {
  seizure: 8,
  psychosis: 8,
  organicBrainSyndrome: 8,
  visualDisturbance: 8,
  cranialNerveDisorder: 8,
  lupusHeadache: 8,
  cva: 8,
  vasculitis: 8,
  arthritis: 4,
  myositis: 4,
  urinaryCasts: 4,
  hematuria: 4,
  proteinuria: 4,
  pyuria: 4,
  rash: 2,
  alopecia: 2,
  mucosalUlcers: 2,
  pleurisy: 2,
  pericarditis: 2,
  lowComplement: 2,
  increasedDnaBinding: 2,
  fever: 1,
  thrombocytopenia: 1,
  leukopenia: 1,
};

/** The two serological descriptors that clinical SLEDAI leaves out. */
export const SEROLOGICAL_DESCRIPTORS: readonly Sledai2kDescriptor[] = ["lowComplement", "increasedDnaBinding"];

/** SLEDAI-2K = sum of the weights of the descriptors present in the scoring window (0-105). */
export function sledai2k(descriptors: Sledai2kDescriptors): number {
  let total = 0;
  for (const d of SLEDAI2K_DESCRIPTORS) if (descriptors[d]) total += SLEDAI2K_WEIGHTS[d];
  return total;
}

/** Clinical SLEDAI-2K: the SLEDAI-2K without low complement and increased DNA binding. */
export function clinicalSledai(descriptors: Sledai2kDescriptors): number {
  let total = 0;
  for (const d of SLEDAI2K_DESCRIPTORS) {
    if (descriptors[d] && !SEROLOGICAL_DESCRIPTORS.includes(d)) total += SLEDAI2K_WEIGHTS[d];
  }
  return total;
}

export type SledaiActivityBand = "none" | "mild" | "moderate" | "high" | "very high";

/**
 * Activity bands of the SLEDAI-2K (Griffiths, Mosca & Gordon 2005, Best Pract Res Clin Rheumatol
 * 19:685-708): 0 none, 1-5 mild, 6-10 moderate, 11-19 high, >= 20 very high.
 */
export function sledaiActivityBand(score: number): SledaiActivityBand {
  if (score <= 0) return "none";
  if (score <= 5) return "mild";
  if (score <= 10) return "moderate";
  if (score <= 19) return "high";
  return "very high";
}

/** All descriptors absent; a starting point for building a record. */
export function noDescriptors(): Sledai2kDescriptors {
  const out = {} as Sledai2kDescriptors;
  for (const d of SLEDAI2K_DESCRIPTORS) out[d] = false;
  return out;
}

/**
 * Measured features whose values define SLEDAI-2K descriptors, so that they correlate with the index by
 * construction: C3 and C4 (low complement), anti-dsDNA (increased DNA binding) and the urine
 * protein/creatinine ratio (proteinuria > 0.5 g/24 h). A biomarker ranking against the SLEDAI-2K leaves
 * them out of its candidates; clinical SLEDAI-2K drops the two serological descriptors and keeps proteinuria.
 */
export const OUTCOME_DEFINING_FEATURES: Readonly<Record<string, readonly string[]>> = {
  sledai2k: ["c3", "c4", "anti_dsdna", "upcr"],
  clinical_sledai: ["upcr"],
};

/** The features that define `outcome` (matched ignoring case and punctuation); [] for an outcome not listed. */
export function outcomeDefiningFeatures(outcome: string): readonly string[] {
  const key = outcome.toLowerCase().replace(/[^a-z0-9]/g, "");
  for (const [id, features] of Object.entries(OUTCOME_DEFINING_FEATURES)) if (id.replace(/[^a-z0-9]/g, "") === key) return features;
  return [];
}
