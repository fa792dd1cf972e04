import { clinicalSledai, sledai2k } from "../clinical/sledai2k.js";
import type { StudyManifest } from "../model/manifest.js";
import type {
  Sledai2kDescriptors,
  ClinicalVisit,
  Feature,
  Measurement,
  Sample,
  SingleCellCount,
  SkippedRow,
  Study,
  Subject,
} from "../model/study.js";
import { sampleKey } from "../read/crossChecks.js";
import { excludedSamples } from "./exclusions.js";

/** The validated tables of a study before exclusions are applied and clinical features are derived. */
export interface StudyParts {
  subjects: Subject[];
  samples: Sample[];
  features: Feature[];
  measurements: Measurement[];
  clinical: ClinicalVisit[];
  singleCell: SingleCellCount[];
  skipped: SkippedRow[];
}

/** Feature metadata of the clinical features derived from the clinical visits. */
export const CLINICAL_FEATURES: readonly Feature[] = [
  clinicalFeature("sledai2k", "SLEDAI-2K", "score"),
  clinicalFeature("clinical_sledai", "clinical SLEDAI-2K (without serology)", "score"),
  clinicalFeature("pga", "physician global assessment (0-3)", "0-3"),
  clinicalFeature("prednisone", "prednisone dose", "mg/day"),
];

function clinicalFeature(id: string, label: string, unit: string): Feature {
  return { id, label, kind: "clinical", panel: "clinical", gatePath: null, parent: null, unit, lloq: null };
}

/** Clinical visits as canonical long rows (sledai2k, clinical_sledai, pga, prednisone). */
export function clinicalMeasurements(clinical: readonly ClinicalVisit[]): Measurement[] {
  const out: Measurement[] = [];
  for (const c of clinical) {
    const row = (feature: string, value: number | null, unit: string): Measurement => ({
      subject: c.subject,
      visit: c.visit,
      day: c.day,
      feature,
      value,
      unit,
      censored: null,
      limit: null,
    });
    out.push(row("sledai2k", c.sledai2k, "score"), row("clinical_sledai", c.clinicalSledai, "score"));
    if (c.pga !== null) out.push(row("pga", c.pga, "0-3"));
    if (c.prednisoneMgPerDay !== null) out.push(row("prednisone", c.prednisoneMgPerDay, "mg/day"));
  }
  return out;
}

/**
 * Builds the Study: drops the measurements of excluded samples (matched by subject and day; listing each
 * exclusion with its reason),
 * then appends the clinical features derived from the clinical visits.
 */
export function assembleStudy(parts: StudyParts, manifest: StudyManifest, source: string): Study {
  const kindOf = new Map(parts.features.map((f) => [f.id, f.kind]));
  const excluded = excludedSamples(parts.samples, manifest.exclusion);
  // A sample is matched by subject and study day, never by its visit label ("Day 84" vs "D84").
  const dropped = new Map(excluded.map((e) => [sampleKey(e.exclusion.subject, e.exclusion.day), e.kinds]));
  const measurements =
    dropped.size === 0
      ? parts.measurements.slice()
      : parts.measurements.filter((m) => {
          const kinds = dropped.get(sampleKey(m.subject, m.day));
          const kind = kindOf.get(m.feature);
          return kinds === undefined || kind === undefined || !kinds.has(kind);
        });
  const singleCell =
    dropped.size === 0
      ? parts.singleCell
      : parts.singleCell.filter((c) => !dropped.get(sampleKey(c.subject, c.day))?.has("singlecell"));
  const features = parts.features.slice();
  if (parts.clinical.length > 0) {
    for (const f of CLINICAL_FEATURES) if (!kindOf.has(f.id)) features.push(f);
  }
  for (const m of clinicalMeasurements(parts.clinical)) measurements.push(m);
  return {
    name: manifest.name,
    simulated: manifest.simulated,
    description: manifest.description,
    source,
    subjects: parts.subjects,
    samples: parts.samples,
    features,
    measurements,
    clinical: parts.clinical,
    singleCell,
    visits: manifest.visits,
    exclusions: excluded.map((e) => e.exclusion),
    exclusionRules: manifest.exclusion,
    clinicalSettings: { scoringWindowDays: manifest.clinical.scoringWindowDays },
    skipped: parts.skipped,
  };
}

/** Recomputes the SLEDAI-2K totals of a clinical visit from its descriptors. */
export function scoredClinicalVisit(visit: Omit<ClinicalVisit, "sledai2k" | "clinicalSledai" | "descriptors"> & { descriptors: Sledai2kDescriptors }): ClinicalVisit {
  return {
    subject: visit.subject,
    visit: visit.visit,
    day: visit.day,
    descriptors: visit.descriptors,
    sledai2k: sledai2k(visit.descriptors),
    clinicalSledai: clinicalSledai(visit.descriptors),
    pga: visit.pga,
    prednisoneMgPerDay: visit.prednisoneMgPerDay,
    immunosuppressantsStable: visit.immunosuppressantsStable,
  };
}
