import { parseHTML } from "linkedom";
import type { Results } from "../results.js";
import {
  associationHeatmap,
  clinicalFigure,
  clinicalStatusFigure,
  changeOverviewFigure,
  compositionFigure,
  forestFigure,
  kaplanMeierFigure,
  spaghettiFigure,
  type TimeAxis,
} from "./figures.js";

export type FigureSection = "clinical" | "dynamics" | "reconstitution" | "associations" | "biomarkers" | "singleCell";

export interface ReportFigure {
  /** File-name-safe id: figures/<id>.svg beside report.md. */
  id: string;
  section: FigureSection;
  caption: string;
  /** Plot's markup (a <figure> with legend, or an <svg>); null when there is nothing to draw. */
  markup: string | null;
}

/** A data string turned into a file-name-safe id fragment (the index keeps ids unique). */
function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "x";
}

/** Every figure of the report, in reading order. */
export function reportFigures(r: Results): ReportFigure[] {
  const figures: ReportFigure[] = [];
  const time: TimeAxis = { unit: r.methods.plan.timeUnit ?? "d", scale: r.methods.plan.timeScale ?? "linear" };
  r.clinicalCourse.variables.forEach((v, i) =>
    figures.push({ id: `clinical-${i + 1}-${slug(v.feature)}`, section: "clinical", caption: `${v.label} per subject over time`, markup: clinicalFigure(v, r.visits.map((x) => x.day), time) }));
  if (r.clinicalCourse.status !== null) {
    figures.push({
      id: "clinical-status",
      section: "clinical",
      caption: "DORIS 2021 remission and LLDAS per subject and visit",
      markup: clinicalStatusFigure(r.clinicalCourse.status, r.visits.map((v) => v.visit)),
    });
  }
  figures.push({
    id: "dynamics-overview",
    section: "dynamics",
    caption: `Change from ${r.methods.plan.visits.baseline} per feature and visit (LMM contrasts, transformed scale; * adjusted p <= ${r.methods.plan.multiplicity.level})`,
    markup: changeOverviewFigure(r.immuneDynamics.features, r.visits.map((v) => v.visit), r.methods.plan.multiplicity.level),
  });
  r.immuneDynamics.features.forEach((f, i) =>
    figures.push({ id: `dynamics-${i + 1}-${slug(f.feature)}`, section: "dynamics", caption: `${f.label}: trajectories per subject`, markup: spaghettiFigure(f, time) }));
  if (r.reconstitution !== null) figures.push({
    id: "reconstitution-kaplan-meier",
    section: "reconstitution",
    caption: `Time to reconstitution of ${r.reconstitution.feature} (Kaplan-Meier with ${Math.round(r.methods.plan.lmm.confLevel * 100)}% band; +: censored)`,
    markup: kaplanMeierFigure(r.reconstitution),
  });
  const alpha = r.methods.plan.multiplicity.level;
  figures.push({ id: "associations-heatmap", section: "associations", caption: `Correlations of features with outcomes (* adjusted p <= ${alpha} in the method's family; the within slopes are in the table)`, markup: associationHeatmap(r.associations.rows, alpha) });
  const level = `${Math.round(r.methods.plan.bootstrap.confLevel * 100)}%`;
  figures.push({
    id: "biomarkers-forest",
    section: "biomarkers",
    caption: `Candidate biomarkers in rank order: repeated-measures correlation with ${r.biomarkers.outcome} and its ${level} bootstrap interval`,
    markup: forestFigure(forestRows(r), `rmcorr with ${r.biomarkers.outcome} (${level} bootstrap interval)`),
  });
  figures.push({ id: "single-cell-composition", section: "singleCell", caption: "Cell-type composition per single-cell sample", markup: compositionFigure(r.singleCell) });
  return figures;
}

/** The forest plot rows: ranked candidates with an estimate. */
function forestRows(r: Results): { feature: string; estimate: number; lower: number | null; upper: number | null }[] {
  return r.biomarkers.rows
    .filter((b) => b.estimate !== null)
    .map((b) => ({ feature: b.feature, estimate: b.estimate as number, lower: b.lower, upper: b.upper }));
}

/** The plot's own <svg> (legend swatches dropped) as a standalone SVG file. */
export function standaloneSvg(markup: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${markup}</body></html>`);
  const root = document.body.firstElementChild;
  const svg = root?.tagName.toLowerCase() === "svg" ? root : root?.querySelector(":scope > svg");
  if (!svg) return markup;
  svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg.outerHTML}\n`;
}
