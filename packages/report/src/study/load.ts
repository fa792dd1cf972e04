import { existsSync } from "node:fs";
import * as schema from "@biomarker/schema";
import type { ExclusionRules, Study } from "@biomarker/schema";
import { StudyInputError } from "../errors.js";
import { fromSchemaStudy } from "./fromSchema.js";
import { hashInputFiles } from "./inputFiles.js";
import type { ReportStudy } from "./model.js";

type ReadStudy = (path: string, options?: { exclusionRules?: Partial<ExclusionRules> }) => Study | Promise<Study>;

/** Reads a study folder (or data file) with @biomarker/schema's readStudy and hashes its files. */
export async function loadReportStudy(path: string, exclusionRules?: ExclusionRules): Promise<ReportStudy> {
  if (!existsSync(path)) throw new StudyInputError(`study ${path} does not exist`);
  const readStudy = (schema as unknown as { readStudy?: ReadStudy }).readStudy;
  if (typeof readStudy !== "function") {
    throw new StudyInputError(`cannot read study ${path}: @biomarker/schema does not provide readStudy yet`);
  }
  const study = await readStudy(path, exclusionRules ? { exclusionRules } : undefined);
  return fromSchemaStudy(study, hashInputFiles(path));
}
