import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import type { StudyInputFile } from "./model.js";

/** SHA-256 of every regular file of the study folder (recursively, sorted by path), or of the one data file. */
export function hashInputFiles(path: string): StudyInputFile[] {
  const files: StudyInputFile[] = [];
  const add = (file: string, name: string) => {
    const bytes = readFileSync(file);
    files.push({ path: name.split(sep).join("/"), sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length });
  };
  if (!statSync(path).isDirectory()) {
    add(path, basename(path));
    return files;
  }
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) add(full, relative(path, full));
    }
  };
  walk(path);
  return files;
}
