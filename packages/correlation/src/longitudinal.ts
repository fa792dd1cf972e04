import { checkOptions } from "@biomarker/numerics";
import { changesFromBaseline, checkBaselineRule, rankCodes, type BaselineRule, type CensoredNumber } from "@biomarker/schema";
import { correlationTest } from "./correlationTest.js";
import { CorrelationInputError } from "./errors.js";
import type { NumericColumn } from "./pairs.js";
import { repeatedMeasuresCorrelation } from "./rmcorr.js";
import { type CorrelationMethod, type CorrelationOptions, type CorrelationResult, correlationOptionSpec } from "./types.js";

/**
 * A feature x and a clinical score y measured per subject and visit (one row per subject-visit). A
 * censored entry (below the LLOQ) holds its limit in x (or y), on the same scale, or null when the limit
 * is not known.
 */
export interface LongitudinalPairs {
  subject: ArrayLike<string | number>;
  visit: ArrayLike<string | number>;
  /** Study day per row; needed only for the baseline rule "last-pre-dose". */
  day?: ArrayLike<number>;
  x: NumericColumn;
  y: NumericColumn;
  censoredX?: ArrayLike<boolean>;
  censoredY?: ArrayLike<boolean>;
}

export interface ChangeFromBaselineOptions extends Omit<CorrelationOptions, "method" | "censoredX" | "censoredY"> {
  /** The baseline visit (shorthand for `baseline: { kind: "visit", visit }`). */
  baselineVisit?: string | number;
  /** The baseline rule of @biomarker/schema's derive step (one visit, the mean of pre-dose visits, ...). */
  baseline?: BaselineRule;
  /** One visit: one delta per subject. Omitted: every post-baseline visit (several deltas per subject). */
  visit?: string | number;
  /** Default "spearman"; "rmcorr" accounts for several deltas per subject (visit omitted). */
  method?: CorrelationMethod | "rmcorr";
}

export interface ChangeFromBaseline {
  /** Every follow-up row's changes (censored changes as bounds), in input order; `used` = in the test. */
  deltas: { subject: string; visit: string; deltaX: CensoredNumber; deltaY: CensoredNumber; used: boolean }[];
  /**
   * Censored changes (of x or y) ranked tied below or above the others in the test, and follow-up rows
   * with a censored change left out of it (rank methods tie a change at an end when its bound orders it
   * so; other methods leave every censored change out).
   */
  censoring: { tiedBelow: number; tiedAbove: number; leftOut: number };
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

function baselineRule(options: ChangeFromBaselineOptions): BaselineRule {
  if (options.baseline !== undefined && options.baselineVisit !== undefined) throw new CorrelationInputError("give baselineVisit or baseline, not both");
  if (options.baseline !== undefined) {
    try {
      checkBaselineRule(options.baseline);
    } catch (error) {
      throw new CorrelationInputError((error as Error).message);
    }
    return options.baseline;
  }
  if (options.baselineVisit === undefined) throw new CorrelationInputError("a baseline is needed: baselineVisit or baseline");
  return { kind: "visit", visit: String(options.baselineVisit) };
}

/**
 * Change-from-baseline correlation: delta x = x(visit) - baseline x against delta y per subject, at one
 * visit or at every post-baseline visit, with baseline and change from @biomarker/schema's derive step
 * (`changesFromBaseline`). A change involving a censored value is itself censored ("at most limit -
 * baseline"), never imputed: Spearman and Kendall rank it tied below (or above) the others when its bound
 * orders it so (`rankCodes`), and leave it out otherwise; Pearson and rmcorr use observed changes only.
 * `censoring` counts both.
 */
export function changeFromBaselineCorrelation(data: LongitudinalPairs, options: ChangeFromBaselineOptions): ChangeFromBaseline {
  const { censoredX: _x, censoredY: _y, ...shared } = correlationOptionSpec;
  checkOptions("changeFromBaselineCorrelation", options, {
    ...shared,
    method: ["spearman", "pearson", "kendall", "rmcorr"],
    baselineVisit: "any",
    baseline: "any",
    visit: "any",
  });
  checkLengths(data);
  const rule = baselineRule(options);
  const seen = new Set<string>();
  for (let i = 0; i < data.subject.length; i++) {
    const key = `${data.subject[i]}\u0000${data.visit[i]}`;
    if (seen.has(key)) throw new CorrelationInputError(`subject ${data.subject[i]} has two rows at visit ${data.visit[i]}`);
    seen.add(key);
  }
  if (rule.kind === "last-pre-dose" && data.day === undefined) throw new CorrelationInputError("the baseline rule last-pre-dose needs the day column");
  const rows = (column: NumericColumn, censored: ArrayLike<boolean> | undefined, feature: string) =>
    Array.from({ length: data.subject.length }, (_, i) => ({
      subject: String(data.subject[i]),
      visit: String(data.visit[i]),
      day: data.day?.[i] ?? 0,
      feature,
      value: censored?.[i] === true ? null : column[i],
      censored: censored?.[i] === true,
      limit: censored?.[i] === true ? column[i] : null,
    }));
  const changesX = changesFromBaseline(rows(data.x, data.censoredX, "x"), { baseline: rule });
  const changesY = changesFromBaseline(rows(data.y, data.censoredY, "y"), { baseline: rule });
  const follow: number[] = [];
  for (let i = 0; i < data.subject.length; i++) {
    if (changesX[i].isBaseline || changesY[i].isBaseline) continue;
    if (options.visit !== undefined && String(data.visit[i]) !== String(options.visit)) continue;
    follow.push(i);
  }
  const method = options.method ?? "spearman";
  const ranked = method === "spearman" || method === "kendall";
  // Rows with both changes at least bounded on one side; rank codes over those rows.
  const candidates = follow.filter((i) => bounded(changesX[i].change) && bounded(changesY[i].change));
  const codesX = ranked ? rankCodes(candidates.map((i) => changesX[i].change)) : observedCodes(candidates.map((i) => changesX[i].change));
  const codesY = ranked ? rankCodes(candidates.map((i) => changesY[i].change)) : observedCodes(candidates.map((i) => changesY[i].change));
  const used = new Set<number>();
  const dx: number[] = [];
  const dy: number[] = [];
  const subjects: string[] = [];
  candidates.forEach((i, k) => {
    const cx = codesX.codes[k];
    const cy = codesY.codes[k];
    if (cx === null || cy === null) return;
    used.add(i);
    dx.push(cx);
    dy.push(cy);
    subjects.push(String(data.subject[i]));
  });
  const deltas = follow.map((i) => ({
    subject: String(data.subject[i]),
    visit: String(data.visit[i]),
    deltaX: changesX[i].change,
    deltaY: changesY[i].change,
    used: used.has(i),
  }));
  const censoredChanges = deltas.filter((d) => isCensored(d.deltaX) || isCensored(d.deltaY));
  const inTest = censoredChanges.filter((d) => d.used);
  const count = (kind: CensoredNumber["kind"]) => inTest.reduce((k, d) => k + (d.deltaX.kind === kind ? 1 : 0) + (d.deltaY.kind === kind ? 1 : 0), 0);
  const censoring = { tiedBelow: count("at-most"), tiedAbove: count("at-least"), leftOut: censoredChanges.filter((d) => !d.used).length };
  const result =
    method === "rmcorr"
      ? repeatedMeasuresCorrelation(subjects, dx, dy, { confLevel: options.confLevel, alternative: options.alternative })
      : correlationTest(dx, dy, { pValue: options.pValue, alternative: options.alternative, permutations: options.permutations, seed: options.seed, confLevel: options.confLevel, method });
  return { deltas, censoring, result };
}

function bounded(x: CensoredNumber): boolean {
  return x.kind === "observed" || x.kind === "at-most" || x.kind === "at-least";
}

function isCensored(x: CensoredNumber): boolean {
  return x.kind === "at-most" || x.kind === "at-least" || x.kind === "unknown";
}

/** Observed values as they are, censored ones left out (methods that need numbers). */
function observedCodes(values: readonly CensoredNumber[]): { codes: (number | null)[] } {
  return { codes: values.map((v) => (v.kind === "observed" ? v.value : null)) };
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
