import type { FeatureFit } from "../batch/fitFeatures.js";
import type { LmmSummary } from "../fit/result.js";
import type { LmmInferenceResult } from "../inference/lmmInference.js";

/** R's format(x, digits = d): d significant digits, fixed notation for moderate magnitudes. */
function significant(x: number | null, digits: number): string {
  if (x === null) return "";
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const magnitude = Math.floor(Math.log10(Math.abs(x)));
  // R's exponent notation: two-digit exponents (1.04e-06)
  if (magnitude >= 15 || magnitude < -4) return x.toExponential(digits - 1).replace(/e([+-])(\d)$/, "e$10$2");
  const decimals = Math.max(0, digits - 1 - magnitude);
  return x.toFixed(decimals);
}

function table(rows: string[][], alignLeft: number[]): string {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows
    .map((r) => r.map((cell, j) => (alignLeft.includes(j) ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join(" ").trimEnd())
    .join("\n");
}

/** R's quantile(type = 7). */
function quantile7(sorted: readonly number[], prob: number): number {
  const h = (sorted.length - 1) * prob;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

/** Text summary in the layout of lme4's summary.merMod (scaled residuals when the fit carries them). */
export function formatLmmSummary(fit: LmmSummary & { residuals?: readonly number[] }): string {
  const lines: string[] = [];
  lines.push(`Linear mixed model fit by ${fit.criterion === "REML" ? "REML" : "maximum likelihood"}`);
  lines.push(`Formula: ${fit.formula}`);
  lines.push("");
  if (fit.criterion === "REML") {
    lines.push(`REML criterion at convergence: ${significant(fit.remlCriterion, 5)}`);
  } else {
    const dfResid = fit.nObs - fit.fixedEffects.length - fit.theta.length - 1;
    lines.push(
      table(
        [
          ["AIC", "BIC", "logLik", "deviance", "df.resid"],
          [significant(fit.aic, 5), significant(fit.bic, 5), significant(fit.logLik, 5), significant(fit.deviance, 5), String(dfResid)],
        ],
        [],
      ),
    );
  }
  lines.push("");
  if (fit.residuals && fit.residuals.length > 0) {
    const scaled = fit.residuals.map((r) => r / fit.sigma).sort((a, b) => a - b);
    lines.push("Scaled residuals:");
    lines.push(
      table(
        [["Min", "1Q", "Median", "3Q", "Max"], [0, 0.25, 0.5, 0.75, 1].map((q) => significant(quantile7(scaled, q), 4))],
        [],
      ),
    );
    lines.push("");
  }
  lines.push("Random effects:");
  const groups = [...new Set(fit.varianceComponents.map((v) => v.group))];
  const withCorr = fit.correlations.length > 0;
  const reRows: string[][] = [["Groups", "Name", "Variance", "Std.Dev.", ...(withCorr ? ["Corr"] : [])]];
  for (const group of groups) {
    const components = fit.varianceComponents.filter((v) => v.group === group);
    components.forEach((v, k) => {
      const corr = fit.correlations
        .filter((c) => c.group === group && c.term2 === v.term)
        .map((c) => (Number.isNaN(c.correlation) ? "NaN" : c.correlation.toFixed(2)))
        .join(" ");
      reRows.push([k === 0 ? group : "", v.term ?? "", significant(v.variance, 4), significant(v.stdDev, 4), ...(withCorr ? [corr] : [])]);
    });
  }
  lines.push(
    table(reRows, [0, 1, 4])
      .split("\n")
      .map((l) => ` ${l}`)
      .join("\n"),
  );
  const groupCounts = Object.entries(fit.nGroups)
    .map(([g, k]) => `${g}, ${k}`)
    .join("; ");
  lines.push(`Number of obs: ${fit.nObs}, groups:  ${groupCounts}`);
  lines.push("");
  lines.push("Fixed effects:");
  const withDf = fit.fixedEffects.some((f) => f.df !== null);
  const header = ["", "Estimate", "Std. Error", ...(withDf ? ["df"] : []), "t value", ...(withDf ? ["Pr(>|t|)"] : [])];
  const feRows = [header];
  for (const f of fit.fixedEffects) {
    feRows.push([
      f.term,
      significant(f.estimate, 5),
      significant(f.stdError, 4),
      ...(withDf ? [significant(f.df, 4)] : []),
      f.statistic.toFixed(3),
      ...(withDf ? [f.pValue === null ? "" : f.pValue < 2e-16 ? "<2e-16" : significant(f.pValue, 3)] : []),
    ]);
  }
  lines.push(table(feRows, [0]));
  if (fit.warnings.length > 0) {
    lines.push("");
    for (const w of fit.warnings) lines.push(`warning: ${w}`);
  }
  return `${lines.join("\n")}\n`;
}

/** One line per feature and fixed effect, for `biomarker lmm --by`. */
export function formatFeatureFits(fits: readonly FeatureFit[]): string {
  const rows: string[][] = [["feature", "term", "estimate", "std.error", "df", "t", "p", "singular", "note"]];
  for (const fit of fits) {
    if (fit.error !== null) {
      rows.push([fit.feature, "", "", "", "", "", "", "", `failed: ${fit.error}`]);
      continue;
    }
    const note = fit.converged ? "" : "not converged";
    for (const f of fit.fixedEffects) {
      rows.push([
        fit.feature,
        f.term,
        significant(f.estimate, 5),
        significant(f.stdError, 4),
        significant(f.df, 4),
        f.statistic.toFixed(3),
        significant(f.pValue, 3),
        fit.singular ? "yes" : "no",
        note,
      ]);
    }
  }
  return `${table(rows, [0, 1, 7, 8])}\n`;
}

/** Text for the inference sections (F tests, marginal means and contrasts, intervals). */
export function formatLmmInference(inference: LmmInferenceResult): string {
  const lines: string[] = ["", `Denominator df: ${inference.dfRule}`];
  if (inference.anova) {
    lines.push("", "Type III Analysis of Variance Table:");
    const rows = [["", "NumDF", "DenDF", "F value", "Pr(>F)"]];
    for (const a of inference.anova) {
      rows.push([a.term, String(a.numDf), significant(a.denDf, 5), significant(a.statistic, 5), significant(a.pValue, 4)]);
    }
    lines.push(table(rows, [0]));
  }
  if (inference.emmeans) {
    const e = inference.emmeans;
    lines.push("", `Estimated marginal means of ${e.factor} (${Math.round(e.confidenceLevel * 100)}% CI):`);
    const rows = [[e.factor, "emmean", "SE", "df", "lower", "upper"]];
    for (const m of e.means) {
      rows.push([m.level, significant(m.estimate, 5), significant(m.stdError, 4), significant(m.df, 4), significant(m.lower, 5), significant(m.upper, 5)]);
    }
    lines.push(table(rows, [0]));
    if (e.contrasts.length > 0) {
      lines.push("", `Contrasts against ${e.means[0]?.level ?? "the first level"} (adjust: ${e.adjust}):`);
      const crow = [["contrast", "estimate", "SE", "df", "t ratio", "p", "p adjusted", "lower", "upper"]];
      for (const c of e.contrasts) {
        crow.push([
          c.contrast,
          significant(c.estimate, 5),
          significant(c.stdError, 4),
          significant(c.df, 4),
          c.statistic.toFixed(3),
          significant(c.pValue, 4),
          significant(c.adjustedPValue, 4),
          significant(c.lower, 5),
          significant(c.upper, 5),
        ]);
      }
      lines.push(table(crow, [0]));
    }
  }
  if (inference.confidenceIntervals) {
    const ci = inference.confidenceIntervals;
    lines.push("", `${Math.round(ci.level * 100)}% confidence intervals (${ci.method}):`);
    const rows = [["", "estimate", "lower", "upper"]];
    for (const r of ci.intervals) rows.push([r.parameter, significant(r.estimate, 5), significant(r.lower, 5), significant(r.upper, 5)]);
    lines.push(table(rows, [0]));
  }
  for (const w of inference.warnings) lines.push(`warning: ${w}`);
  return `${lines.join("\n")}\n`;
}
