import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { resolveManifest } from "@biomarker/schema";
import type { StudyInputFile } from "./model.js";

/**
 * SHA-256 of every file the study reader reads: the manifest and each data file it names (or the one
 * data file), sorted by path, paths relative to the study folder. Documentation beside the data (a
 * README) is not an input and does not change the provenance.
 */
export function hashInputFiles(path: string): StudyInputFile[] {
  const { manifest, dir, source } = resolveManifest(path);
  const files = new Set([source, ...Object.values(manifest.files).filter((f): f is string => typeof f === "string").map((f) => join(dir, f))]);
  return [...files]
    .map((file) => {
      const bytes = readFileSync(file);
      return { path: relative(dir, file).split(sep).join("/"), sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
