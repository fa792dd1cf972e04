import { baselines, analysisValue, type Baseline, type BaselineInput, type BaselineRule } from "./baseline.js";
import { difference, type CensoredNumber } from "./censoredNumber.js";

export interface ChangeOptions {
  /** How the baseline is chosen; default the last non-missing pre-dose value (day <= 0). */
  baseline?: BaselineRule;
  /** Increasing transform to the analysis scale (log10 ...); null where undefined. Default identity. */
  transform?: (x: number) => number | null;
}

/** One measurement with its baseline and its change from baseline, on the analysis scale. */
export interface ChangeFromBaseline {
  subject: string;
  visit: string;
  day: number;
  feature: string;
  value: CensoredNumber;
  /** missing when the subject has no baseline for the feature. */
  baseline: CensoredNumber;
  /** Visits the baseline was taken from (empty without a baseline). */
  baselineVisits: string[];
  /** value - baseline by interval arithmetic: below-LLOQ follow-up - observed baseline = at most (limit - baseline). */
  change: CensoredNumber;
  /** True for a row that entered its own baseline (its change is not a follow-up change). */
  isBaseline: boolean;
}

/**
 * Change from baseline of every measurement: change = value - baseline on the analysis scale, carrying
 * the censoring (Lynn 2001; the censored value is an inequality, not a number):
 *   observed - observed          = observed
 *   (<= L) - observed b          = at most L - b
 *   observed v - (<= L)          = at least v - L
 *   (<= L1) - (<= L2)            = unknown (bounded on neither side)
 *   missing value or no baseline = missing.
 * Nothing is imputed and nothing is dropped: every input row has one record.
 */
export function changesFromBaseline(measurements: readonly BaselineInput[], options: ChangeOptions = {}): ChangeFromBaseline[] {
  const rule = options.baseline ?? { kind: "last-pre-dose" };
  const base = baselines(measurements, rule, options.transform);
  return measurements.map((m) => {
    const b: Baseline | undefined = base.get(`${m.subject}\u0000${m.feature}`);
    const value = analysisValue(m, options.transform);
    const baseline: CensoredNumber = b?.value ?? { kind: "missing" };
    return {
      subject: m.subject,
      visit: m.visit,
      day: m.day,
      feature: m.feature,
      value,
      baseline,
      baselineVisits: b?.visits ?? [],
      change: difference(value, baseline),
      isBaseline: b !== undefined && b.visits.includes(m.visit),
    };
  });
}

/** The change of each subject at one visit (in subject order of first appearance), missing when absent. */
export function changesAtVisit(changes: readonly ChangeFromBaseline[], feature: string, visit: string, subjects: readonly string[]): CensoredNumber[] {
  const at = new Map<string, CensoredNumber>();
  for (const c of changes) if (c.feature === feature && c.visit === visit) at.set(c.subject, c.change);
  return subjects.map((s) => at.get(s) ?? { kind: "missing" });
}
