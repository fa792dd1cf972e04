import {
  type CensoredSubstitution,
  type DataColumns,
  type LevelOrders,
  LmmInputError,
  censoredLmmSummary,
  fitCensoredLmm,
  formatCensoredLmmSummary,
  splitByFeature,
} from "@biomarker/lmm";
import { printJson, printText } from "../output.js";

export type CensoringChoice = "likelihood" | CensoredSubstitution;

/** True when the table has a `censored` column with at least one "<" or ">". */
export function hasCensoredRows(data: DataColumns): boolean {
  const marks = data.censored;
  if (!marks) return false;
  for (let i = 0; i < marks.length; i++) if (marks[i] === "<" || marks[i] === ">") return true;
  return false;
}

export interface CensoredRun {
  formula: string;
  by?: string;
  levels?: LevelOrders;
  nagq?: number;
  ddf: string;
  json: boolean;
}

/**
 * `biomarker lmm --censoring likelihood`: the censored-Gaussian mixed model (one fit, or one per feature
 * with --by). Wald tests on between-within df; --ddf none gives z tests instead.
 */
export function runCensoredLmm(data: DataColumns, run: CensoredRun): void {
  if (run.nagq !== undefined && !(Number.isInteger(run.nagq) && run.nagq >= 1 && run.nagq <= 100)) {
    throw new LmmInputError(`--nagq must be a whole number from 1 to 100, got ${run.nagq}`);
  }
  const options = { levels: run.levels, nAGQ: run.nagq ?? ("auto" as const), ddf: run.ddf === "none" ? ("z" as const) : ("between-within" as const) };
  const note =
    run.ddf === "satterthwaite" || run.ddf === "kenward-roger"
      ? [`--ddf ${run.ddf} is not defined for the censored likelihood: Wald t tests on between-within df instead`]
      : [];
  const fitOne = (d: DataColumns) => {
    const summary = censoredLmmSummary(fitCensoredLmm(d, run.formula, options));
    return { ...summary, warnings: [...summary.warnings, ...note] };
  };
  if (run.by === undefined) {
    const summary = fitOne(data);
    if (run.json) printJson(summary);
    else printText(formatCensoredLmmSummary(summary));
    return;
  }
  const fits = splitByFeature(data, run.by).map(({ feature, data: d }) => {
    try {
      return { feature, error: null, ...fitOne(d) };
    } catch (error) {
      if (!(error instanceof LmmInputError)) throw error;
      return { feature, error: error.message, warnings: [] as string[] };
    }
  });
  if (run.json) printJson({ fits });
  else printText(fits.map((f) => `== ${f.feature} ==\n${"error" in f && f.error !== null ? `error: ${f.error}\n` : formatCensoredLmmSummary(f as Parameters<typeof formatCensoredLmmSummary>[0])}`).join("\n"));
}
