import { roundSignificant } from "@biomarker/numerics";
import type { ClusterRobustSummary } from "../robust/clusterRobust.js";
import type { StructuredLmmSummary } from "../structured/fitStructured.js";

const significant = (x: number) => String(roundSignificant(x, 4));

/** The residual structures of a fit and the covariance behind its standard errors, as text lines. */
export function formatResidualStructure(fit: Pick<StructuredLmmSummary, "correlationStructure" | "varianceFunction">, robust?: ClusterRobustSummary): string {
  const lines: string[] = [];
  const c = fit.correlationStructure;
  if (c) {
    lines.push(`Correlation structure: ${c.formula}`);
    lines.push(`  ${Object.entries(c.parameters).map(([k, v]) => `${k} = ${significant(v)}`).join(", ")}`);
  }
  const v = fit.varianceFunction;
  if (v) {
    lines.push(`Variance function: ${v.formula} (residual SD ratio to ${v.reference})`);
    lines.push(`  ${Object.entries(v.parameters).map(([k, r]) => `${k} ${significant(r)}`).join(", ")}`);
  }
  if (robust) {
    lines.push(`Standard errors: CR2 cluster-robust (clusters: ${robust.cluster}, ${robust.nClusters}); df: ${robust.fixedEffects.some((f) => f.df !== null) ? "Satterthwaite (Pustejovsky-Tipton)" : "none (z tests)"}`);
  }
  return lines.length > 0 ? `\n${lines.join("\n")}\n` : "";
}
