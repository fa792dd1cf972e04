import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import type {
  AssociationRow,
  ClinicalCourseSection,
  FeatureDynamics,
  ReconstitutionSection,
  SingleCellSection,
} from "../results.js";

/**
 * Figures drawn with Observable Plot on a linkedom document (server-side DOM) and serialised to SVG
 * markup; linkedom escapes every data string in text and attributes. Each function returns the outer
 * HTML of a <figure> or <svg>, or null when there is nothing to draw.
 */
type PlotOptions = Parameters<typeof Plot.plot>[0];

function render(options: PlotOptions): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const element = Plot.plot({ ...options, document: document as unknown as NonNullable<PlotOptions>["document"], style: { background: "white", fontSize: "11px" } });
  return (element as unknown as { outerHTML: string }).outerHTML;
}

/** How figures draw time: the plan's unit and scale ("compressed": symmetric log, labelled as such). */
export interface TimeAxis {
  unit: "min" | "h" | "d" | "w" | "y";
  scale: "linear" | "compressed";
}

const unitDays = { min: 1 / 1440, h: 1 / 24, d: 1, w: 7, y: 365.25 } as const;
const unitName = { min: "minutes", h: "hours", d: "days", w: "weeks", y: "years" } as const;

/** A tick label with at most 2 decimals ("0.25", "1.5", "364"; a visit at day 365 of a yearly axis reads "1"). */
const tickText = (v: number) => String(Number(v.toFixed(2)));

/**
 * Time since the first dose in the plan's unit (data are in days), on a linear axis or, when asked, a
 * symmetric-log axis (dense early sampling and a long follow-up both readable) named "compressed" in its
 * label. Ticks sit at visit times, dropped where they would come closer than 1/12 of the axis (on the
 * drawn scale), so labels never collide.
 */
function timeAxis(days: readonly number[], axis: TimeAxis): NonNullable<PlotOptions>["x"] {
  const factor = unitDays[axis.unit];
  const position = axis.scale === "compressed" ? Math.asinh : (t: number) => t;
  const ticks = [...new Set(days.map((d) => d / factor))].sort((a, b) => a - b);
  const span = ticks.length > 1 ? position(ticks[ticks.length - 1]) - position(ticks[0]) : 1;
  const spaced: number[] = [];
  for (const t of ticks) if (spaced.length === 0 || position(t) - position(spaced[spaced.length - 1]) >= span / 12) spaced.push(t);
  const label = `Time since first dose (${unitName[axis.unit]}${axis.scale === "compressed" ? "; compressed scale: asinh" : ""})`;
  return { label, type: axis.scale === "compressed" ? "symlog" : "linear", grid: true, ticks: spaced, tickFormat: tickText, transform: (d: number) => d / factor };
}

/** Subjects drawn with their own colour and a legend up to this number; beyond it, grey lines without a legend. */
const maxColouredSubjects = 12;

/** Stroke and fill of subject lines: one colour per subject for small cohorts, one grey for large ones. */
function subjectColour(subjects: number): { channel: string; legend: boolean } {
  return subjects <= maxColouredSubjects ? { channel: "subject", legend: true } : { channel: "#7a8793", legend: false };
}

/** Inverse of the plan transforms, to draw model means on the data scale. */
function backTransform(transform: string): (y: number) => number {
  switch (transform) {
    case "log": return Math.exp;
    case "log2": return (y) => 2 ** y;
    case "log10": return (y) => 10 ** y;
    case "logit": return (y) => 100 / (1 + Math.exp(-y));
    case "asin-sqrt": return (y) => 100 * Math.sin(y) ** 2;
    default: return (y) => y;
  }
}

/** Spaghetti plot: one line per subject, censored values as open triangles at the LLOQ, the median per visit, the LMM mean with CI. */
export function spaghettiFigure(f: FeatureDynamics, time: TimeAxis): string | null {
  const points = f.points.filter((p) => p.value !== null);
  if (points.length === 0) return null;
  const logScale = f.transform === "log" || f.transform === "log2" || f.transform === "log10";
  const positive = logScale ? points.filter((p) => (p.value as number) > 0) : points;
  // Null medians (below the LLOQ) break the median line instead of bridging the gap.
  const medians = f.summary.filter((s) => s.n > 0);
  const inverse = backTransform(f.transform);
  const means = f.fit?.means.map((m) => ({
    day: m.day,
    estimate: inverse(m.estimate),
    lower: m.lower === null ? null : inverse(m.lower),
    upper: m.upper === null ? null : inverse(m.upper),
  })) ?? [];
  const colour = subjectColour(new Set(points.map((p) => p.subject)).size);
  const marks: Plot.Markish[] = [
    Plot.line(positive, { x: "day", y: "value", z: "subject", stroke: colour.channel, strokeOpacity: 0.6 }),
    Plot.dot(positive.filter((p) => !p.censored), { x: "day", y: "value", fill: colour.channel, r: 2.5, title: (p) => `${p.subject} ${p.visit}: ${p.value}` }),
    Plot.dot(positive.filter((p) => p.censored), { x: "day", y: "value", stroke: colour.channel, symbol: "triangle", r: 4, title: (p) => `${p.subject} ${p.visit}: < ${p.value} (below LLOQ)` }),
    Plot.line(medians, { x: "day", y: "median", stroke: "black", strokeWidth: 2.5 }),
  ];
  const anyCensored = points.some((p) => p.censored);
  if (anyCensored && f.lloq !== null && (!logScale || f.lloq > 0)) marks.push(Plot.ruleY([f.lloq], { stroke: "#888", strokeDasharray: "4,3" }));
  if (means.length > 0) {
    marks.push(
      Plot.areaY(means.filter((m) => m.lower !== null && m.upper !== null), { x: "day", y1: "lower", y2: "upper", fill: "#444", fillOpacity: 0.12 }),
      Plot.line(means, { x: "day", y: "estimate", stroke: "#444", strokeDasharray: "6,3", strokeWidth: 1.5 }),
    );
  }
  return render({
    width: 640,
    height: 260,
    marginLeft: 56,
    x: timeAxis(f.summary.map((s) => s.day), time),
    y: { label: f.unit ? `${f.label} (${f.unit})` : f.label, type: logScale ? "log" : "linear", grid: true },
    color: { legend: colour.legend, type: "categorical" },
    marks,
  });
}

/** One small multiple per clinical variable, one line per subject; censored values as open triangles at their limit. */
export function clinicalFigure(variable: ClinicalCourseSection["variables"][number], visitDays: readonly number[], time: TimeAxis): string | null {
  const points = variable.points.filter((p) => p.value !== null);
  if (points.length === 0) return null;
  const colour = subjectColour(new Set(points.map((p) => p.subject)).size);
  return render({
    width: 640,
    height: 200,
    marginLeft: 56,
    x: timeAxis(visitDays, time),
    y: { label: variable.unit ? `${variable.label} (${variable.unit})` : variable.label, grid: true },
    color: { legend: colour.legend, type: "categorical" },
    marks: [
      Plot.line(points, { x: "day", y: "value", z: "subject", stroke: colour.channel }),
      Plot.dot(points.filter((p) => !p.censored), { x: "day", y: "value", fill: colour.channel, r: 2.5, title: (p) => `${p.subject} ${p.visit}: ${p.value}` }),
      Plot.dot(points.filter((p) => p.censored), { x: "day", y: "value", stroke: colour.channel, symbol: "triangle", r: 4, title: (p) => `${p.subject} ${p.visit}: < ${p.value} (censored)` }),
    ],
  });
}

/**
 * Overview of section 3: the LMM change from baseline of every feature (rows) at every visit (columns)
 * on the transformed scale, diverging colours symmetric around 0, adjusted discoveries starred.
 */
export function changeOverviewFigure(features: readonly FeatureDynamics[], visitOrder: readonly string[], level: number): string | null {
  const cells = features.flatMap((f) => (f.fit?.contrasts ?? []).map((c) => ({ feature: f.feature, visit: c.visit, estimate: c.estimate, pAdjusted: c.pAdjusted })));
  if (cells.length === 0) return null;
  const extent = Math.max(...cells.map((c) => Math.abs(c.estimate)));
  const visits = visitOrder.filter((v) => cells.some((c) => c.visit === v));
  const rows = [...new Set(cells.map((c) => c.feature))];
  return render({
    width: 640,
    height: 90 + 14 * rows.length,
    marginLeft: 180,
    marginTop: 40,
    x: { label: null, domain: visits, axis: "top", type: "band" },
    y: { label: null, domain: rows, type: "band" },
    color: { type: "quantize", n: 8, scheme: "rdbu", domain: [-extent, extent], legend: true, label: "change from baseline (transformed scale)" },
    marks: [
      Plot.cell(cells, { x: "visit", y: "feature", fill: "estimate", inset: 0.5, title: (c) => `${c.feature} ${c.visit}: ${c.estimate}` }),
      Plot.text(cells.filter((c) => c.pAdjusted !== null && c.pAdjusted <= level), { x: "visit", y: "feature", text: () => "*" }),
    ],
  });
}

/** Tiles of DORIS remission and LLDAS per subject and visit (met, not met, not assessable). */
export function clinicalStatusFigure(status: NonNullable<ClinicalCourseSection["status"]>, visitOrder: readonly string[]): string | null {
  if (status.length === 0) return null;
  const label = (met: boolean | null) => (met === null ? "not assessable" : met ? "met" : "not met");
  const rows = status.flatMap((s) => [
    { subject: s.subject, visit: s.visit, state: "DORIS remission", value: label(s.remission) },
    { subject: s.subject, visit: s.visit, state: "LLDAS", value: label(s.lldas) },
  ]);
  const visits = visitOrder.filter((v) => rows.some((r) => r.visit === v));
  return render({
    width: 640,
    height: 60 + 2 * 22 * new Set(status.map((s) => s.subject)).size,
    marginLeft: 60,
    marginRight: 120,
    x: { label: null, domain: visits, axis: "top", type: "band" },
    y: { label: null, type: "band" },
    fy: { label: null },
    color: { legend: true, domain: ["met", "not met", "not assessable"], range: ["#2b8a3e", "#e9ecef", "#ffd8a8"] },
    marks: [
      Plot.cell(rows, { x: "visit", y: "subject", fy: "state", fill: "value", inset: 1, title: (r) => `${r.subject} ${r.visit} ${r.state}: ${r.value}` }),
    ],
  });
}

/** Kaplan-Meier step curve of time to reconstitution with its pointwise CI band and censoring marks (+). */
export function kaplanMeierFigure(section: ReconstitutionSection): string | null {
  const km = section.kaplanMeier;
  if (!km) return null;
  const curve = [{ time: 0, survival: 1, lower: 1, upper: 1 }, ...km.steps.map((s) => ({ time: s.time, survival: s.survival, lower: s.lower ?? s.survival, upper: s.upper ?? s.survival }))];
  const censored = km.steps.filter((s) => s.censored > 0);
  return render({
    width: 640,
    height: 240,
    x: { label: "Days since first dose", grid: true },
    y: { label: "Not yet reconstituted", domain: [0, 1], grid: true },
    marks: [
      Plot.areaY(curve, { x: "time", y1: "lower", y2: "upper", curve: "step-after", fill: "steelblue", fillOpacity: 0.15 }),
      Plot.line(curve, { x: "time", y: "survival", curve: "step-after", stroke: "steelblue", strokeWidth: 2 }),
      Plot.dot(censored, { x: "time", y: "survival", symbol: "plus", r: 4, stroke: "black" }),
    ],
  });
}

/**
 * Heatmap of feature x outcome correlations (rmcorr, Spearman of change), one panel per method, with cells
 * significant in their family marked; the within slopes are on the outcome's scale and stay in the table.
 */
export function associationHeatmap(rows: readonly AssociationRow[], level: number): string | null {
  const drawn = rows.filter((r) => r.estimate !== null && r.method !== "within");
  if (drawn.length === 0) return null;
  const features = [...new Set(drawn.map((r) => r.feature))];
  return render({
    width: 640,
    height: 90 + 16 * features.length,
    marginLeft: 180,
    marginTop: 40,
    x: { label: null, axis: "top" },
    y: { label: null, domain: features },
    fx: { label: null },
    color: { type: "quantize", n: 8, scheme: "rdbu", domain: [-1, 1], legend: true, label: "estimate" },
    marks: [
      Plot.cell(drawn, { x: "outcome", y: "feature", fx: "method", fill: "estimate", title: (r) => `${r.feature} ~ ${r.outcome} (${r.method}): ${r.estimate}` }),
      Plot.text(drawn.filter((r) => r.pAdjusted !== null && r.pAdjusted <= level), { x: "outcome", y: "feature", fx: "method", text: () => "*" }),
    ],
  });
}

/** Forest plot of ranked candidate estimates with intervals. */
export function forestFigure(rows: readonly { feature: string; estimate: number; lower: number | null; upper: number | null }[], xLabel: string): string | null {
  if (rows.length === 0) return null;
  const features = rows.map((r) => r.feature);
  return render({
    width: 640,
    height: 70 + 16 * rows.length,
    marginLeft: 180,
    x: { label: xLabel, grid: true, domain: [-1, 1] },
    y: { label: null, domain: features },
    marks: [
      Plot.ruleX([0], { stroke: "#888" }),
      Plot.ruleY(rows.filter((r) => r.lower !== null && r.upper !== null), { y: "feature", x1: "lower", x2: "upper", stroke: "#333" }),
      Plot.dot(rows, { x: "estimate", y: "feature", fill: "#333", r: 3 }),
    ],
  });
}

/** Stacked bars of cell-type proportions, one bar per single-cell sample. */
export function compositionFigure(section: SingleCellSection): string | null {
  if (section.compositions.length === 0) return null;
  const rows = section.compositions.map((c) => ({ ...c, sample: `${c.subject} ${c.visit}` }));
  // Ten default colours; more cell types than that get a 12-colour scheme so no two share a colour.
  const cellTypes = new Set(rows.map((c) => c.cellType)).size;
  return render({
    width: 640,
    height: 280,
    marginBottom: 60,
    x: { label: null, tickRotate: -30 },
    y: { label: "Proportion of cells", percent: true, grid: true },
    color: { legend: true, type: "categorical", ...(cellTypes > 10 ? { scheme: "paired" } : {}) },
    marks: [Plot.barY(rows, { x: "sample", y: "proportion", fill: "cellType", title: (c) => `${c.cellType}: ${c.count}` })],
  });
}
