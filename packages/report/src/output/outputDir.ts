import { mkdirSync, readdirSync, statSync, existsSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { ReportOutputError } from "../errors.js";

/** Written into every report folder; its presence makes the folder safe to overwrite. */
export const reportMarkerFile = ".biomarker-report";

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith(sep) && rel !== ".." && !/^[A-Za-z]:/.test(rel));
}

/**
 * Makes sure `outDir` may receive a report: created when missing; an empty folder or an earlier report
 * folder (with the marker file) is fine; any other non-empty folder, and the input folder or a folder
 * inside it, are refused unless `force` is set. With `create: false` it only checks.
 */
export function prepareOutputDir(outDir: string, options: { force: boolean; inputDirs: readonly string[]; create?: boolean }): string {
  const out = resolve(outDir);
  if (!options.force) {
    for (const input of options.inputDirs) {
      if (isInside(out, resolve(input))) {
        throw new ReportOutputError(`refusing to write the report into the input folder ${input} (--out ${outDir}); choose another --out or pass --force`);
      }
    }
  }
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new ReportOutputError(`--out ${outDir} exists and is not a folder`);
    const entries = readdirSync(out);
    if (entries.length > 0 && !entries.includes(reportMarkerFile) && !options.force) {
      throw new ReportOutputError(
        `--out ${outDir} is not empty and is not an earlier report folder (no ${reportMarkerFile} file); choose an empty folder or pass --force`,
      );
    }
  } else if (options.create ?? true) {
    mkdirSync(out, { recursive: true });
  }
  return out;
}
