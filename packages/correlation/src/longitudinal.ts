import { checkOptions } from "@biomarker/numerics";
import { correlationTest } from "./correlationTest.js";
import { CorrelationInputError } from "./errors.js";
import type { NumericColumn } from "./pairs.js";
import { repeatedMeasuresCorrelation } from "./rmcorr.js";
import { type CorrelationMethod, type CorrelationOptions, type CorrelationResult, correlationOptionSpec } from "./types.js";

/** A feature x and a clinical score y measured per subject and visit (one row per subject-visit). */
export interface LongitudinalPairs {
  subject: ArrayLike<string | number>;
  visit: ArrayLike<string | number>;
  x: NumericColumn;
  y: NumericColumn;
  censoredX?: ArrayLike<boolean>;
  censoredY?: ArrayLike<boolean>;
}

export interface ChangeFromBaselineOptions extends Omit<CorrelationOptions, "method" | "censoredX" | "censoredY"> {
  baselineVisit: string | number;
  /** One visit: one delta per subject. Omitted: every post-baseline visit (several deltas per subject). */
  visit?: string | number;
  /** Default "spearman"; "rmcorr" accounts for several deltas per subject (visit omitted). */
  method?: CorrelationMethod | "rmcorr";
}

export interface ChangeFromBaseline {
  /** The deltas correlated, in input order of the follow-up rows. */
  deltas: { subject: string; visit: string; deltaX: number; deltaY: number }[];
  result: CorrelationResult;
}

function checkLengths(data: LongitudinalPairs): void {
  const n = data.subject.length;
  for (const [name, column] of Object.entries(data)) {
    if (column !== undefined && column.length !== n) {
      throw new CorrelationInputError(`${name} has ${column.length} entries but subject has ${n}`);
    }
  }
}

function observed(value: number | null, censored: boolean | undefined): value is number {
  return censored !== true && value !== null && Number.isFinite(value);
}

/**
 * Change-from-baseline correlation: delta x = x(visit) - x(baseline) against delta y per subject, at one
 * visit or at every post-baseline visit. A delta involving a censored value (below the LLOQ) is unknown
 * and is left out, like a missing value.
 */
export function changeFromBaselineCorrelation(data: LongitudinalPairs, options: ChangeFromBaselineOptions): ChangeFromBaseline {
  const { censoredX: _x, censoredY: _y, ...shared } = correlationOptionSpec;
  checkOptions("changeFromBaselineCorrelation", options, {
    ...shared,
    method: ["spearman", "pearson", "kendall", "rmcorr"],
    baselineVisit: "any",
    visit: "any",
  });
  checkLengths(data);
  const baseline = String(options.baselineVisit);
  const base = new Map<string, { x: number | null; y: number | null }>();
  for (let i = 0; i < data.subject.length; i++) {
    if (String(data.visit[i]) !== baseline) continue;
    const subject = String(data.subject[i]);
    if (base.has(subject)) throw new CorrelationInputError(`subject ${subject} has two baseline rows (visit ${baseline})`);
    base.set(subject, {
      x: observed(data.x[i], data.censoredX?.[i]) ? data.x[i] : null,
      y: observed(data.y[i], data.censoredY?.[i]) ? data.y[i] : null,
    });
  }
  const deltas: ChangeFromBaseline["deltas"] = [];
  for (let i = 0; i < data.subject.length; i++) {
    const visit = String(data.visit[i]);
    if (visit === baseline || (options.visit !== undefined && visit !== String(options.visit))) continue;
    const subject = String(data.subject[i]);
    const b = base.get(subject);
    const x = data.x[i];
    const y = data.y[i];
    if (b === undefined || b.x === null || b.y === null) continue;
    if (!observed(x, data.censoredX?.[i]) || !observed(y, data.censoredY?.[i])) continue;
    deltas.push({ subject, visit, deltaX: x - b.x, deltaY: y - b.y });
  }
  const method = options.method ?? "spearman";
  const dx = deltas.map((d) => d.deltaX);
  const dy = deltas.map((d) => d.deltaY);
  const result =
    method === "rmcorr"
      ? repeatedMeasuresCorrelation(deltas.map((d) => d.subject), dx, dy, { confLevel: options.confLevel, alternative: options.alternative })
      : correlationTest(dx, dy, { pValue: options.pValue, alternative: options.alternative, permutations: options.permutations, seed: options.seed, confLevel: options.confLevel, method });
  return { deltas, result };
}

/** Cross-sectional correlation at each visit (visits in order of first appearance). */
export function perVisitCorrelation(
  data: LongitudinalPairs,
  options: CorrelationOptions = {},
): { visit: string; result: CorrelationResult }[] {
  checkOptions("perVisitCorrelation", options, correlationOptionSpec);
  checkLengths(data);
  const rowsByVisit = new Map<string, number[]>();
  for (let i = 0; i < data.visit.length; i++) {
    const visit = String(data.visit[i]);
    const rows = rowsByVisit.get(visit) ?? [];
    rows.push(i);
    rowsByVisit.set(visit, rows);
  }
  return [...rowsByVisit].map(([visit, rows]) => ({
    visit,
    result: correlationTest(
      rows.map((i) => data.x[i]),
      rows.map((i) => data.y[i]),
      {
        ...options,
        censoredX: data.censoredX && rows.map((i) => data.censoredX![i]),
        censoredY: data.censoredY && rows.map((i) => data.censoredY![i]),
      },
    ),
  }));
}
