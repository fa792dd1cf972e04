import type { Results } from "../results.js";
import { displayCell } from "./display.js";
import { escapeMarkdown } from "./escape.js";
import { reportFigures, type FigureSection, type ReportFigure } from "./figureList.js";
import { methodsParagraphs, negativeControlText } from "./methodsText.js";
import { sectionHeadings } from "./sectionTitles.js";
import { reportTables, type Table } from "./tables.js";

function tableMarkdown(t: Table): string {
  if (t.rows.length === 0) return `### ${escapeMarkdown(t.title)}\n\nNone.\n`;
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const rows = t.rows.length > 25 ? t.rows.slice(0, 25) : t.rows;
  const more = t.rows.length > rows.length ? `\n${t.rows.length - rows.length} more rows in [tables/${t.id}.csv](tables/${t.id}.csv).\n` : "";
  return [
    `### ${escapeMarkdown(t.title)}`,
    "",
    line(t.columns.map(escapeMarkdown)),
    line(t.columns.map((_, i) => (typeof t.rows[0][i] === "number" ? "---:" : "---"))),
    ...rows.map((r) => line(r.map((c) => escapeMarkdown(displayCell(c))))),
    more,
  ].join("\n");
}

/**
 * The report as Markdown: the same sections and tables as index.html, figures linked as
 * figures/<id>.svg (written beside report.md). Every data string is escaped.
 */
export function renderMarkdown(r: Results, figures: readonly ReportFigure[] = reportFigures(r)): string {
  const tables = reportTables(r);
  const figuresOf = (section: FigureSection) =>
    figures
      .filter((f) => f.section === section)
      .map((f) => (f.markup === null ? `_${escapeMarkdown(f.caption)}: no data to draw._\n` : `![${escapeMarkdown(f.caption)}](figures/${f.id}.svg)\n`));
  const pending = (items: readonly string[]) => items.map((p) => `> Not in this report: ${escapeMarkdown(p)}\n`);
  const t = sectionHeadings(r);
  const out: string[] = [`# ${escapeMarkdown(r.title)}`, "", `Study **${escapeMarkdown(r.study.name)}**, seed ${r.seed}.`, ""];
  if (r.study.simulated) out.push("**SIMULATED DATA: every number in this report comes from a simulated cohort.**", "");
  const section = (title: string | null, body: string[]) => title !== null && out.push(`## ${title}`, "", ...body, "");

  const c = r.cohort.counts;
  section(t.cohort, [
    `${c.subjects} subjects, ${c.samples} samples (${c.excludedSamples} excluded), ${c.features} features, ${c.measurements} measurements of which ${c.censored} below the LLOQ.\n`,
    ...pending(r.cohort.pending),
    ...tables.cohort.map(tableMarkdown),
  ]);
  section(t.clinical, [...pending(r.clinicalCourse.pending), ...figuresOf("clinical"), ...tables.clinical.map(tableMarkdown)]);
  section(t.dynamics, [...pending(r.immuneDynamics.pending), `${escapeMarkdown(r.immuneDynamics.adjustment)}\n`, ...figuresOf("dynamics"), ...tables.dynamics.map(tableMarkdown)]);
  const km = r.reconstitution?.kaplanMeier;
  section(t.reconstitution, [
    ...pending(r.reconstitution?.pending ?? []),
    ...figuresOf("reconstitution"),
    km ? `Median time to reconstitution: ${km.median === null ? "not reached" : displayCell(km.median)} days (${km.events} of ${km.n} depleted subjects reconstituted).\n` : "",
    ...tables.reconstitution.map(tableMarkdown),
  ]);
  section(t.associations, [
    ...pending(r.associations.pending),
    `Landmark visit for the change from baseline: ${escapeMarkdown(r.associations.landmark)}. ${r.associations.adjustment.map(escapeMarkdown).join(" ")}\n`,
    ...negativeControlText(r).map((text) => `${escapeMarkdown(text)}\n`),
    ...figuresOf("associations"), ...tables.associations.map(tableMarkdown)]);
  section(t.biomarkers, [
    ...pending(r.biomarkers.pending),
    r.biomarkers.rows.length > 0
      ? `Outcome ${escapeMarkdown(r.biomarkers.outcome)}, landmark ${escapeMarkdown(r.biomarkers.landmark)}; subject-level bootstrap with ${r.biomarkers.exact ? `all ${r.biomarkers.replicates} distinct resamples enumerated (exact)` : `${r.biomarkers.replicates} seeded replicates`}.\n`
      : "",
    ...figuresOf("biomarkers"), ...tables.biomarkers.map(tableMarkdown)]);
  section(t.singleCell, [...pending(r.singleCell.pending), ...figuresOf("singleCell"), ...tables.singleCell.map(tableMarkdown)]);
  section(t.methods, [
    ...methodsParagraphs(r).map((m) => `### ${escapeMarkdown(m.heading)}\n\n${escapeMarkdown(m.text)}\n`),
    ...tables.methods.map(tableMarkdown),
  ]);
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}
