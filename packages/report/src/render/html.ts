import type { Results } from "../results.js";
import { escapeHtml } from "./escape.js";
import { displayCell } from "./display.js";
import { reportFigures, type FigureSection, type ReportFigure } from "./figureList.js";
import { methodsParagraphs, negativeControlText } from "./methodsText.js";
import { reportTables, type Table } from "./tables.js";
import { sectionHeadings } from "./sectionTitles.js";

const css = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; max-width: 960px; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { font-size: 1.3rem; border-bottom: 1px solid #ccc; margin-top: 2.2rem; } h3 { font-size: 1.05rem; }
.simulated { background: #fff3cd; border: 1px solid #e0c36a; padding: 0.5rem 0.8rem; font-weight: 600; }
.pending { background: #f1f3f5; border-left: 4px solid #868e96; padding: 0.4rem 0.8rem; margin: 0.6rem 0; }
table { border-collapse: collapse; margin: 0.6rem 0; font-size: 12px; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid #ddd; padding: 2px 8px; text-align: left; vertical-align: top; }
th { background: #f8f9fa; }
td.num { text-align: right; }
figure.report-figure { margin: 0.8rem 0; break-inside: avoid; page-break-inside: avoid; }
figure.report-figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 12px; color: #555; }
nav ol { columns: 2; }
code { font-size: 12px; word-break: break-all; }
.scroll { max-height: 26em; overflow: auto; border: 1px solid #eee; }
.wide { overflow-x: auto; }
.scroll table { margin: 0; } .scroll thead th { position: sticky; top: 0; }
p.note { font-size: 12px; color: #555; margin: 0.2rem 0; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  nav { display: none; }
  .scroll, .wide { max-height: none; overflow: visible; border: none; }
  th, td { overflow-wrap: anywhere; }
  h2 { break-before: page; } h2:first-of-type { break-before: auto; }
  table, figure { break-inside: avoid; }
}`;

function tableHtml(t: Table): string {
  if (t.rows.length === 0) return `<h3>${escapeHtml(t.title)}</h3><p>None.</p>`;
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = t.rows
    .map((row) => `<tr>${row.map((c) => `<td${typeof c === "number" ? ' class="num"' : ""}>${escapeHtml(displayCell(c))}</td>`).join("")}</tr>`)
    .join("\n");
  const table = `<table id="table-${escapeHtml(t.id)}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
  // Wide tables scroll sideways and long ones down on screen (the page itself never scrolls sideways); print shows them in full.
  return t.rows.length > 25
    ? `<h3>${escapeHtml(t.title)}</h3><p class="note">${t.rows.length} rows, also in tables/${escapeHtml(t.id)}.csv.</p><div class="scroll">${table}</div>`
    : `<h3>${escapeHtml(t.title)}</h3><div class="wide">${table}</div>`;
}

function figureHtml(f: ReportFigure): string {
  if (f.markup === null) return `<p class="pending">${escapeHtml(f.caption)}: no data to draw.</p>`;
  return `<figure class="report-figure" id="figure-${f.id}">${f.markup}<figcaption>${escapeHtml(f.caption)}</figcaption></figure>`;
}

function pendingHtml(pending: readonly string[]): string {
  return pending.map((p) => `<p class="pending">Not in this report: ${escapeHtml(p)}</p>`).join("\n");
}

/** The self-contained report page: inline CSS and SVG, no scripts, no network requests. */
export function renderHtml(r: Results, figures: readonly ReportFigure[] = reportFigures(r)): string {
  const tables = reportTables(r);
  const figuresOf = (section: FigureSection) => figures.filter((f) => f.section === section);
  const t = sectionHeadings(r);
  const parts: string[] = [];
  const section = (id: string, title: string | null, body: string[]) => title !== null && parts.push(`<section id="${id}"><h2>${escapeHtml(title)}</h2>\n${body.join("\n")}\n</section>`);

  section("cohort", t.cohort, [
    `<p>${r.cohort.counts.subjects} subjects, ${r.cohort.counts.samples} samples (${r.cohort.counts.excludedSamples} excluded), ${r.cohort.counts.features} features, ${r.cohort.counts.measurements} measurements of which ${r.cohort.counts.censored} below the LLOQ.</p>`,
    pendingHtml(r.cohort.pending),
    ...tables.cohort.map(tableHtml),
  ]);
  section("clinical-course", t.clinical, [
    pendingHtml(r.clinicalCourse.pending),
    ...figuresOf("clinical").map(figureHtml),
    ...tables.clinical.map(tableHtml),
  ]);
  const overview = figuresOf("dynamics").filter((f) => f.id === "dynamics-overview");
  const perFeature = figuresOf("dynamics").filter((f) => f.id !== "dynamics-overview");
  section("immune-dynamics", t.dynamics, [
    pendingHtml(r.immuneDynamics.pending),
    `<p>${escapeHtml(r.immuneDynamics.adjustment)}</p>`,
    ...overview.map(figureHtml),
    `<p>Per feature below. Lines: subjects; open triangles: values below the LLOQ drawn at the LLOQ (dashed line); thick black line: median per visit; grey band and dashed line: model-estimated mean with confidence interval, back-transformed.</p>`,
    ...r.immuneDynamics.features.map((f, i) =>
      `<h3>${escapeHtml(f.label)} <small>(${escapeHtml(f.group)})</small></h3>` +
      (f.fitNote ? `<p class="pending">${escapeHtml(f.fitNote)}</p>` : "") +
      figureHtml(perFeature[i]),
    ),
    ...tables.dynamics.map(tableHtml),
  ]);
  const km = r.reconstitution?.kaplanMeier;
  section("reconstitution", t.reconstitution, [
    pendingHtml(r.reconstitution?.pending ?? []),
    ...figuresOf("reconstitution").map(figureHtml),
    km
      ? `<p>Median time to reconstitution: ${escapeHtml(displayCell(km.median ?? null) || "not reached")} days (${km.events} of ${km.n} depleted subjects reconstituted).</p>`
      : "",
    ...tables.reconstitution.map(tableHtml),
  ]);
  section("associations", t.associations, [
    pendingHtml(r.associations.pending),
    `<p>Landmark visit for the change from baseline: ${escapeHtml(r.associations.landmark)}. ${r.associations.adjustment.map(escapeHtml).join(" ")}</p>`,
    ...negativeControlText(r).map((text) => `<p>${escapeHtml(text)}</p>`),
    ...figuresOf("associations").map(figureHtml),
    ...tables.associations.map(tableHtml),
  ]);
  section("biomarkers", t.biomarkers, [
    pendingHtml(r.biomarkers.pending),
    r.biomarkers.rows.length > 0
      ? `<p>Outcome ${escapeHtml(r.biomarkers.outcome)}, landmark ${escapeHtml(r.biomarkers.landmark)}; subject-level bootstrap with ${r.biomarkers.exact ? `all ${r.biomarkers.replicates} distinct resamples enumerated (exact)` : `${r.biomarkers.replicates} seeded replicates`}.</p>`
      : "",
    ...figuresOf("biomarkers").map(figureHtml),
    ...tables.biomarkers.map(tableHtml),
  ]);
  section("single-cell", t.singleCell, [
    pendingHtml(r.singleCell.pending),
    ...figuresOf("singleCell").map(figureHtml),
    ...tables.singleCell.map(tableHtml),
  ]);
  section("methods", t.methods, [
    ...methodsParagraphs(r).map((m) => `<h3>${escapeHtml(m.heading)}</h3><p>${escapeHtml(m.text)}</p>`),
    ...tables.methods.map(tableHtml),
    `<h3>Plan</h3><pre><code>${escapeHtml(JSON.stringify(r.methods.plan, null, 2))}</code></pre>`,
  ]);

  const banner = r.study.simulated ? `<p class="simulated">SIMULATED DATA: every number in this report comes from a simulated cohort.</p>` : "";
  const nav = `<nav><ol>${Object.entries({ cohort: t.cohort, "clinical-course": t.clinical, "immune-dynamics": t.dynamics, reconstitution: t.reconstitution, associations: t.associations, biomarkers: t.biomarkers, "single-cell": t.singleCell, methods: t.methods }).filter((entry): entry is [string, string] => entry[1] !== null).map(([id, title]) => `<li><a href="#${id}">${escapeHtml(title)}</a></li>`).join("")}</ol></nav>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(r.title)}${r.study.simulated ? " (SIMULATED)" : ""}</title>
<style>${css}</style>
</head>
<body>
<header><h1>${escapeHtml(r.title)}</h1><p>Study <strong>${escapeHtml(r.study.name)}</strong>, seed ${r.seed}.</p>${banner}</header>
${nav}
<main>
${parts.join("\n")}
</main>
</body>
</html>
`;
}

