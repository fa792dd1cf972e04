import { existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { ReportOutputError } from "../errors.js";

/** Written into every report folder; its presence makes the folder replaceable with `--force`. */
export const reportMarkerFile = ".biomarker-report";

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

/** The real path of `path`, following symlinks of its existing part (the rest appended as written). */
function realPath(path: string): string {
  const absolute = resolve(path);
  if (existsSync(absolute)) return realpathSync(absolute);
  const parent = dirname(absolute);
  return parent === absolute ? absolute : join(realPath(parent), basename(absolute));
}

/** The folder a `--data` path stands for: itself when a folder, else the folder of the file. */
function studyFolderOf(input: string): string {
  const real = realPath(input);
  return existsSync(real) && !statSync(real).isDirectory() ? dirname(real) : real;
}

/** Sibling names of the temporary and displaced folders used while replacing `out`. */
export function siblingPrefix(out: string, kind: "tmp" | "old"): string {
  return join(dirname(out), `.${basename(out)}.${kind}-`);
}

export interface OutputTarget {
  /** Absolute path of --out. */
  out: string;
  /** True when --out holds an earlier report that the new one replaces. */
  replaces: boolean;
}

/**
 * Checks that `outDir` may receive a report, without writing anything. Refused always: --out inside the
 * study folder or holding it (also through symlinks, or when --data names a file of the folder), --out
 * being a symlink or a file, a non-empty folder that holds no report (no marker file). An earlier report
 * folder is replaced only with `force`. A report displaced by a write that was killed between its two
 * renames is first put back (see writeReport).
 */
export function prepareOutputDir(outDir: string, options: { force: boolean; inputDirs: readonly string[] }): OutputTarget {
  const out = resolve(outDir);
  const realOut = realPath(out);
  for (const input of options.inputDirs) {
    const study = studyFolderOf(input);
    if (isInside(realOut, study) || isInside(study, realOut)) {
      throw new ReportOutputError(`refusing to write the report into the study folder ${input} or a folder holding it (--out ${outDir}); choose another --out`);
    }
  }
  restoreDisplaced(out);
  if (!existsSync(out) && !isSymlink(out)) return { out, replaces: false };
  if (isSymlink(out)) throw new ReportOutputError(`--out ${outDir} is a symbolic link; give the real folder`);
  if (!statSync(out).isDirectory()) throw new ReportOutputError(`--out ${outDir} exists and is not a folder`);
  const entries = readdirSync(out);
  if (entries.length === 0) return { out, replaces: false };
  if (!entries.includes(reportMarkerFile)) {
    throw new ReportOutputError(
      `--out ${outDir} is not empty and holds no report (no ${reportMarkerFile} file); choose an empty or new folder`,
    );
  }
  if (!options.force) throw new ReportOutputError(`--out ${outDir} holds an earlier report; pass --force to replace it`);
  return { out, replaces: true };
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Recovers from a write killed between `out -> .out.old-*` and `.tmp-* -> out`: when --out is missing and
 * a displaced report is there, it is renamed back; leftover temporary folders are removed.
 */
function restoreDisplaced(out: string): void {
  const parent = dirname(out);
  if (!existsSync(parent)) return;
  const name = basename(out);
  for (const entry of readdirSync(parent)) {
    const path = join(parent, entry);
    if (entry.startsWith(`.${name}.tmp-`)) rmSync(path, { recursive: true, force: true });
    else if (entry.startsWith(`.${name}.old-`)) {
      if (!existsSync(out) && existsSync(join(path, reportMarkerFile))) renameSync(path, out);
      else rmSync(path, { recursive: true, force: true });
    }
  }
}

/** Creates the parent of `out` when missing. */
export function ensureParent(out: string): void {
  mkdirSync(dirname(out), { recursive: true });
}
