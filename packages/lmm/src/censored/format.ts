import type { CensoredLmmSummary } from "./fitCensoredLmm.js";

const fmt = (x: number | null, digits = 5) => (x === null ? "" : Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x));

function table(rows: string[][]): string {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows.map((r) => r.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join("  ").trimEnd()).join("\n");
}

/** Text summary of a censored fit: criterion, censoring, variance components, fixed effects with bounds. */
export function formatCensoredLmmSummary(fit: CensoredLmmSummary): string {
  const lines: string[] = [];
  lines.push("Censored-Gaussian (Tobit) linear mixed model fit by maximum likelihood");
  lines.push(`Formula: ${fit.formula}`);
  lines.push(
    `Censored: ${fit.censoring.nCensored} of ${fit.nObs} observations; adaptive Gauss-Hermite quadrature, ${fit.censoring.nAGQ} node(s) per random effect` +
      (fit.censoring.nAGQ === 1 ? " (Laplace)" : ""),
  );
  lines.push("");
  lines.push(table([["AIC", "BIC", "logLik", "deviance"], [fmt(fit.aic), fmt(fit.bic), fmt(fit.logLik), fmt(fit.deviance)]]));
  lines.push("");
  lines.push("Random effects:");
  lines.push(table([["Groups", "Name", "Variance", "Std.Dev."], ...fit.varianceComponents.map((v) => [v.group, v.term ?? "", fmt(v.variance, 4), fmt(v.stdDev, 4)])]));
  for (const c of fit.correlations) lines.push(`Corr(${c.term1}, ${c.term2}) = ${fmt(c.correlation, 3)}`);
  lines.push(`Number of obs: ${fit.nObs}, groups: ${Object.entries(fit.nGroups).map(([g, n]) => `${g}, ${n}`).join("; ")}`);
  lines.push("");
  const tests = fit.ddf === "z" ? "z tests (normal reference)" : "t tests on between-within df";
  lines.push(`Fixed effects (${tests}):`);
  const statistic = fit.ddf === "z" ? "z value" : "t value";
  const pName = fit.ddf === "z" ? "Pr(>|z|)" : "Pr(>|t|)";
  const rows = [["", "Estimate", "Std. Error", "df", statistic, pName]];
  for (const f of fit.fixedEffects) {
    if (f.estimate === null) {
      const bound = f.bound ? `${f.bound.side === "upper" ? "<=" : ">="} ${fmt(f.bound.value, 4)} (${Math.round(f.bound.level * 100)}% one-sided)` : "not estimable";
      rows.push([f.term, bound, "", "", "", ""]);
    } else {
      rows.push([f.term, fmt(f.estimate), fmt(f.stdError), f.df === null ? "" : fmt(f.df, 4), fmt(f.statistic, 4), fmt(f.pValue, 3)]);
    }
  }
  lines.push(table(rows));
  const notes = fit.fixedEffects.filter((f) => f.note).map((f) => `${f.term}: ${f.note}`);
  if (notes.length > 0 || fit.warnings.length > 0) lines.push("");
  for (const w of fit.warnings) lines.push(`warning: ${w}`);
  return `${lines.join("\n")}\n`;
}
