import { join } from "node:path";
import type { Results } from "../results.js";
import { renderHtml } from "../render/html.js";
import { renderMarkdown } from "../render/markdown.js";
import { reportFigures, standaloneSvg } from "../render/figureList.js";
import { reportTables } from "../render/tables.js";
import { tableToCsv } from "../render/csv.js";
import { serializeResults } from "../serialize.js";
import { writeFileAtomic } from "./atomicWrite.js";
import { prepareOutputDir, reportMarkerFile } from "./outputDir.js";

export interface WrittenReport {
  outDir: string;
  /** Paths relative to outDir, sorted. */
  files: string[];
}

/**
 * Writes index.html, report.md, results.json, tables/*.csv, figures/*.svg and the marker file into
 * `outDir` (see prepareOutputDir for when that is allowed). Each file is written atomically.
 */
export function writeReport(results: Results, outDir: string, options: { force?: boolean; inputDirs?: readonly string[] } = {}): WrittenReport {
  const out = prepareOutputDir(outDir, { force: options.force ?? false, inputDirs: options.inputDirs ?? [] });
  const files = new Map<string, string>();
  files.set(reportMarkerFile, "This folder was written by `biomarker report`; it may be overwritten by the next report.\n");
  files.set("results.json", serializeResults(results));
  const figures = reportFigures(results);
  files.set("index.html", renderHtml(results, figures));
  files.set("report.md", renderMarkdown(results, figures));
  for (const table of Object.values(reportTables(results)).flat()) files.set(`tables/${table.id}.csv`, tableToCsv(table));
  for (const figure of figures) if (figure.markup !== null) files.set(`figures/${figure.id}.svg`, standaloneSvg(figure.markup));
  for (const [name, content] of files) writeFileAtomic(join(out, name), content);
  return { outDir: out, files: [...files.keys()].sort() };
}
