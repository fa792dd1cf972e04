import type { GlmmFit } from "../fit/result.js";

const num = (x: number, digits = 4): string => (Number.isFinite(x) ? x.toPrecision(digits) : String(x));
const pad = (s: string, w: number): string => (s.length >= w ? s : s + " ".repeat(w - s.length));
const left = (s: string, w: number): string => (s.length >= w ? s : " ".repeat(w - s.length) + s);

/** A glmer-like printed summary: family, criterion, random effects, fixed effects with Wald z. */
export function formatGlmmSummary(fit: GlmmFit): string {
  const method = fit.nAGQ === 1 ? "Laplace Approximation" : `Adaptive Gauss-Hermite Quadrature (nAGQ = ${fit.nAGQ})`;
  const lines = [
    `Generalized linear mixed model fit by maximum likelihood (${method})`,
    ` Family: ${fit.family} (${fit.link})`,
    `Formula: ${fit.formula}`,
    "",
    `     AIC      BIC   logLik deviance`,
    `${left(num(fit.aic, 6), 8)} ${left(num(fit.bic, 6), 8)} ${left(num(fit.logLik, 6), 8)} ${left(num(fit.deviance, 6), 8)}`,
    "",
    "Random effects:",
    ...fit.varianceComponents.map((v) => ` ${pad(v.group, 12)} ${pad(v.term, 14)} variance ${num(v.variance)}  sd ${num(v.stdDev)}`),
    `Number of obs: ${fit.nObs}, groups: ${Object.entries(fit.nGroups).map(([g, k]) => `${g}, ${k}`).join("; ")}`,
    "",
    "Fixed effects:",
    `${pad("", 16)} ${left("Estimate", 10)} ${left("Std. Error", 10)} ${left("z value", 8)} ${left("Pr(>|z|)", 10)}`,
    ...fit.fixedEffects.map(
      (f) => `${pad(f.term, 16)} ${left(num(f.estimate), 10)} ${left(num(f.stdError), 10)} ${left(num(f.statistic, 3), 8)} ${left(num(f.pValue, 3), 10)}`,
    ),
  ];
  if (fit.singular) lines.push("", "boundary (singular) fit");
  for (const w of fit.warnings) if (!w.startsWith("boundary")) lines.push(`warning: ${w}`);
  return `${lines.join("\n")}\n`;
}
