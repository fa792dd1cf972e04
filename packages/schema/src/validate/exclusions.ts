import type { ExclusionRules, FeatureKind, Sample, SampleExclusion } from "../model/study.js";

/** Feature kinds measured on cells, lost when viability is inadequate. */
const VIABILITY_KINDS: ReadonlySet<FeatureKind> = new Set(["frequency", "count", "singlecell"]);
/** Feature kinds measured in blood, lost when the sample is haemolysed. */
const HAEMOLYSIS_KINDS: ReadonlySet<FeatureKind> = new Set(["frequency", "count", "serology", "singlecell"]);

export interface ExcludedSample {
  exclusion: SampleExclusion;
  /** Feature kinds of this subject-visit that the exclusion removes. */
  kinds: ReadonlySet<FeatureKind>;
}

/**
 * Applies the protocol's exclusion rules: viability below `minViability` excludes the cellular features
 * (frequency, count, single-cell); a haemolysis grade in `excludeHaemolysis` excludes every blood feature.
 * Urine and clinical features are never excluded by a blood sample.
 */
export function excludedSamples(samples: readonly Sample[], rules: ExclusionRules): ExcludedSample[] {
  const out: ExcludedSample[] = [];
  for (const s of samples) {
    const reasons: string[] = [];
    const kinds = new Set<FeatureKind>();
    if (s.viability !== null && s.viability < rules.minViability) {
      reasons.push(`viability ${s.viability}% below ${rules.minViability}%`);
      for (const k of VIABILITY_KINDS) kinds.add(k);
    }
    if (s.haemolysis !== null && rules.excludeHaemolysis.includes(s.haemolysis)) {
      reasons.push(`${s.haemolysis} haemolysis`);
      for (const k of HAEMOLYSIS_KINDS) kinds.add(k);
    }
    if (reasons.length > 0) {
      out.push({
        exclusion: { sample: s.id, subject: s.subject, visit: s.visit, day: s.day, reason: reasons.join("; ") },
        kinds,
      });
    }
  }
  return out;
}
