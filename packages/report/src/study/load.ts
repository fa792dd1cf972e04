import { existsSync } from "node:fs";
import { readStudy } from "@biomarker/schema";
import { StudyInputError } from "../errors.js";
import { fromSchemaStudy } from "./fromSchema.js";
import { hashInputFiles } from "./inputFiles.js";
import type { ReportStudy } from "./model.js";

/**
 * Reads a study folder (or manifest, or one long data file) with @biomarker/schema's readStudy, which
 * validates it and applies the manifest's sample exclusion rules, and hashes the input files.
 */
export function loadReportStudy(path: string): ReportStudy {
  if (!existsSync(path)) throw new StudyInputError(`study ${path} does not exist`);
  return fromSchemaStudy(readStudy(path), hashInputFiles(path));
}
