import { LmmInputError, denominatorDf, fitLmm, modelTerms, parseFormula, type ModelTerms } from "@biomarker/lmm";
import { studentTQuantileUpper } from "@biomarker/numerics";
import { CorrelationInputError } from "./errors.js";
import type { NumericColumn } from "./pairs.js";

export interface WithinOptions {
  /** Denominator df of the x_within test: "satterthwaite" (default, as lmerTest) or "kenward-roger" (pbkrtest). */
  ddf?: "satterthwaite" | "kenward-roger";
  /** Level of the t interval of the x_within coefficient. Default 0.95. */
  confLevel?: number;
  /** Rows with a censored x or y (below the LLOQ) have no value for the linear model: pass masks to be told. */
  censoredX?: ArrayLike<boolean>;
  censoredY?: ArrayLike<boolean>;
}

/** The visit-adjusted within-subject association of x with an outcome (see withinSubjectAssociation). */
export interface WithinResult {
  method: "within";
  /** Rows used (x and the outcome both observed). */
  n: number;
  /** Subjects among them. */
  subjects: number;
  /** Coefficient of x_within: the change in the outcome per unit of x above the subject's own mean. */
  estimate: number | null;
  stdError: number | null;
  /** t = estimate / stdError. */
  statistic: number | null;
  statisticName: "t" | null;
  df: number | null;
  /** Two-sided p-value of the t test with df. */
  pValue: number | null;
  pValueMethod: "satterthwaite" | "kenward-roger" | null;
  /** t interval estimate -/+ t(1 - (1 - confLevel)/2, df) stdError. */
  ciLower: number | null;
  ciUpper: number | null;
  confLevel: number;
  /** Coefficient of x_between (the association of subject means), for context; not tested. */
  betweenEstimate: number | null;
  /** The random-intercept variance is 0 (lme4's isSingular): the df treat it as known, as lmerTest does. */
  singular: boolean;
  /** Why the estimate is null; null otherwise. */
  reason: string | null;
  /** Warnings of the mixed-model fit (dropped columns, singular fit, convergence). */
  warnings: string[];
}

const withinOptionKeys = new Set(["ddf", "confLevel", "censoredX", "censoredY"]);

/** The model, parsed once: visit a factor (text column), a random intercept per subject. */
let withinTerms: ModelTerms | null = null;
function terms(): ModelTerms {
  withinTerms ??= modelTerms(parseFormula("y ~ visit + x_within + x_between + (1 | subject)"));
  return withinTerms;
}

function undefinedWithin(n: number, subjects: number, confLevel: number, reason: string, warnings: string[] = []): WithinResult {
  return {
    method: "within",
    n,
    subjects,
    estimate: null,
    stdError: null,
    statistic: null,
    statisticName: null,
    df: null,
    pValue: null,
    pValueMethod: null,
    ciLower: null,
    ciUpper: null,
    confLevel,
    betweenEstimate: null,
    singular: false,
    reason,
    warnings,
  };
}

/**
 * Visit-adjusted within-subject association (the within-between or "hybrid" model of Neuhaus & Kalbfleisch
 * 1998, Mundlak 1978): over the rows where x and y are both observed,
 *   y_ij = visit_j + b_W (x_ij - xbar_i) + b_B xbar_i + u_i + e_ij,  u_i ~ N(0, s_u^2), e_ij ~ N(0, s^2),
 * fitted by REML (lmer's model), with xbar_i the subject's mean of x over those rows. b_W is tested by a t
 * test with Satterthwaite df (lmerTest) or Kenward-Roger df and SE (pbkrtest). The visit factor absorbs any
 * time course shared by x and y, so b_W measures whether a subject's outcome is higher at the visits where
 * its x is higher than at the same visits in other subjects; centring on the subject's mean keeps
 * between-subject differences out of b_W. Degenerate input (x constant within every subject, x_within
 * collinear with visit, fewer than 2 subjects, too few rows) gives estimate null and a reason.
 */
export function withinSubjectAssociation(
  subject: ArrayLike<string | number>,
  visit: ArrayLike<string | number>,
  x: NumericColumn,
  y: NumericColumn,
  options: WithinOptions = {},
): WithinResult {
  for (const key of Object.keys(options)) {
    if (!withinOptionKeys.has(key)) throw new CorrelationInputError(`unknown option '${key}' (options: ${[...withinOptionKeys].join(", ")})`);
  }
  const ddf = options.ddf ?? "satterthwaite";
  if (ddf !== "satterthwaite" && ddf !== "kenward-roger") throw new CorrelationInputError(`ddf must be "satterthwaite" or "kenward-roger", got ${String(ddf)}`);
  const confLevel = options.confLevel ?? 0.95;
  if (!(confLevel > 0 && confLevel < 1)) throw new CorrelationInputError(`confLevel must be in (0, 1), got ${confLevel}`);
  const length = subject.length;
  if (visit.length !== length || x.length !== length || y.length !== length) {
    throw new CorrelationInputError(`subject, visit, x and y must have the same length (${length}, ${visit.length}, ${x.length}, ${y.length})`);
  }
  for (const [name, mask] of [["censoredX", options.censoredX], ["censoredY", options.censoredY]] as const) {
    if (mask !== undefined && mask.length !== length) throw new CorrelationInputError(`${name} has ${mask.length} entries for ${length} rows`);
  }

  // Rows with both values, then the subject means of x over exactly those rows.
  const rows: number[] = [];
  let censored = 0;
  for (let i = 0; i < length; i++) {
    if (options.censoredX?.[i] === true || options.censoredY?.[i] === true) {
      censored++;
      continue;
    }
    const xi = x[i];
    const yi = y[i];
    if (xi === null || yi === null || !Number.isFinite(xi) || !Number.isFinite(yi)) continue;
    if (subject[i] === null || subject[i] === undefined || visit[i] === null || visit[i] === undefined) continue;
    rows.push(i);
  }
  const n = rows.length;
  const sums = new Map<string, { sum: number; count: number }>();
  for (const i of rows) {
    const key = String(subject[i]);
    const s = sums.get(key) ?? sums.set(key, { sum: 0, count: 0 }).get(key)!;
    s.sum += x[i] as number;
    s.count++;
  }
  const subjects = sums.size;
  if (censored > 0) {
    return undefinedWithin(n, subjects, confLevel, `${censored} row(s) with a censored value (below the LLOQ) have no value for the linear model; substitute a value or use a rank method`);
  }
  if (subjects < 2) return undefinedWithin(n, subjects, confLevel, `${subjects} subject(s) with complete rows; the model needs at least 2`);

  const xWithin = new Float64Array(n);
  const xBetween = new Float64Array(n);
  const yUsed = new Float64Array(n);
  const subjectUsed: string[] = new Array(n);
  const visitUsed: string[] = new Array(n);
  let withinSS = 0;
  rows.forEach((i, r) => {
    const key = String(subject[i]);
    const s = sums.get(key)!;
    xBetween[r] = s.sum / s.count;
    xWithin[r] = (x[i] as number) - xBetween[r];
    withinSS += xWithin[r] * xWithin[r];
    yUsed[r] = y[i] as number;
    subjectUsed[r] = key;
    visitUsed[r] = String(visit[i]);
  });
  let xScale = 0;
  for (const i of rows) xScale = Math.max(xScale, Math.abs(x[i] as number));
  if (!(withinSS > n * (1e-12 * xScale) ** 2)) return undefinedWithin(n, subjects, confLevel, "x does not vary within any subject");

  let fit: ReturnType<typeof fitLmm>;
  try {
    fit = fitLmm({ y: yUsed, visit: visitUsed, x_within: xWithin, x_between: xBetween, subject: subjectUsed }, terms(), {
      denominatorDf: denominatorDf(ddf),
    });
  } catch (error) {
    if (error instanceof LmmInputError) return undefinedWithin(n, subjects, confLevel, `the mixed model cannot be fitted: ${error.message}`);
    throw error;
  }
  const within = fit.fixedEffects.find((f) => f.term === "x_within");
  if (within === undefined) {
    return undefinedWithin(n, subjects, confLevel, "x_within is collinear with the visit factor (no within-subject variation left after adjusting for visit)", fit.warnings);
  }
  const between = fit.fixedEffects.find((f) => f.term === "x_between");
  const df = within.df;
  const half = df === null ? null : studentTQuantileUpper((1 - confLevel) / 2, df) * within.stdError;
  return {
    method: "within",
    n,
    subjects,
    estimate: within.estimate,
    stdError: within.stdError,
    statistic: within.statistic,
    statisticName: "t",
    df,
    pValue: within.pValue,
    pValueMethod: within.pValue === null ? null : ddf,
    ciLower: half === null ? null : within.estimate - half,
    ciUpper: half === null ? null : within.estimate + half,
    confLevel,
    betweenEstimate: between?.estimate ?? null,
    singular: fit.singular,
    reason: within.pValue === null ? "the df could not be computed (the fit is numerically degenerate)" : null,
    warnings: fit.warnings,
  };
}
