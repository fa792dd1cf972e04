import { existsSync, mkdirSync, mkdtempSync, renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, normalize, sep } from "node:path";
import { ReportOutputError } from "../errors.js";
import type { Results } from "../results.js";
import { renderHtml } from "../render/html.js";
import { renderMarkdown } from "../render/markdown.js";
import { reportFigures, standaloneSvg } from "../render/figureList.js";
import { reportTables } from "../render/tables.js";
import { tableToCsv } from "../render/csv.js";
import { serializeResults } from "../serialize.js";
import { ensureParent, prepareOutputDir, reportMarkerFile, siblingPrefix } from "./outputDir.js";

export interface WrittenReport {
  outDir: string;
  /** Paths relative to outDir, sorted. */
  files: string[];
}

/** Every output of a report by its path relative to the report folder. */
export function reportFiles(results: Results): Map<string, string> {
  const files = new Map<string, string>();
  files.set(reportMarkerFile, "This folder was written by `biomarker report`; `--force` replaces it whole with the next report.\n");
  files.set("results.json", serializeResults(results));
  const figures = reportFigures(results);
  files.set("index.html", renderHtml(results, figures));
  files.set("report.md", renderMarkdown(results, figures));
  for (const table of Object.values(reportTables(results)).flat()) files.set(`tables/${table.id}.csv`, tableToCsv(table));
  for (const figure of figures) if (figure.markup !== null) files.set(`figures/${figure.id}.svg`, standaloneSvg(figure.markup));
  return files;
}

/**
 * Writes index.html, report.md, results.json, tables/*.csv, figures/*.svg and the marker file. Everything
 * is written into a new temporary folder beside `outDir`, which then replaces `outDir` by rename (an
 * earlier report is renamed aside first and deleted after), so a crash leaves the old report or the new
 * one, never a mix, and nothing is written through a symlink planted in the old folder. See
 * prepareOutputDir for which `outDir` is accepted.
 */
export function writeReport(results: Results, outDir: string, options: { force?: boolean; inputDirs?: readonly string[] } = {}): WrittenReport {
  const target = prepareOutputDir(outDir, { force: options.force ?? false, inputDirs: options.inputDirs ?? [] });
  const files = reportFiles(results);
  ensureParent(target.out);
  const temporary = mkdtempSync(siblingPrefix(target.out, "tmp"));
  try {
    for (const [name, content] of files) {
      const path = normalize(join(temporary, name));
      if (!path.startsWith(temporary + sep)) throw new ReportOutputError(`output name '${name}' leaves the report folder`);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content, { flag: "wx" });
    }
    if (target.replaces) {
      const displaced = `${siblingPrefix(target.out, "old")}${process.pid}`;
      renameSync(target.out, displaced);
      renameSync(temporary, target.out);
      rmSync(displaced, { recursive: true, force: true });
    } else {
      if (existsSync(target.out)) rmdirSync(target.out);
      renameSync(temporary, target.out);
    }
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
  return { outDir: target.out, files: [...files.keys()].sort() };
}
