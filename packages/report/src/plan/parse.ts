import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { PlanError } from "../errors.js";
import { planSchema, type AnalysisPlan } from "./schema.js";

/** `featureGroups[0].formula` style key path of a zod issue. */
function keyPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(plan)" : out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    const where = issue.path.length === 0 ? "" : `${keyPath(issue.path)}.`;
    return issue.keys.map((k) => `${where}${k}: unknown key`).join("\n");
  }
  return `${keyPath(issue.path)}: ${issue.message}`;
}

/** Validates a plan object; throws PlanError listing every problem with its key path. */
export function validatePlan(value: unknown, file: string | null = null): AnalysisPlan {
  const result = planSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((issue) => describeIssue(issue).split("\n"));
  const where = file === null ? "the plan" : `plan ${file}`;
  throw new PlanError(`${where} is invalid:\n  ${issues.join("\n  ")}`, file, issues);
}

/**
 * Parses plan text. YAML is a superset of JSON, so one parser reads both; the document is parsed as
 * data only (no custom tags, no merge keys), never evaluated.
 */
export function parsePlan(text: string, file: string | null = null): AnalysisPlan {
  const where = file === null ? "the plan" : `plan ${file}`;
  const document = parseDocument(text, { merge: false, customTags: [], uniqueKeys: true });
  // Warnings include unresolved tags (`!!js/function`): a plan is plain data, so they are errors here.
  const problems = [...document.errors, ...document.warnings].map((e) => {
    const line = e.linePos?.[0];
    return line ? `line ${line.line}, column ${line.col}: ${e.message.split("\n")[0]}` : e.message;
  });
  if (problems.length > 0) throw new PlanError(`${where} does not parse:\n  ${problems.join("\n  ")}`, file, problems);
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 0 });
  } catch (error) {
    const problem = `YAML aliases are not allowed in a plan (${(error as Error).message})`;
    throw new PlanError(`${where} does not parse:\n  ${problem}`, file, [problem]);
  }
  return validatePlan(value, file);
}

/** Reads and validates a plan file (.json, .yaml or .yml). */
export function readPlan(file: string): AnalysisPlan {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new PlanError(`cannot read plan ${file}: ${(error as Error).message}`, file, []);
  }
  return parsePlan(text, file);
}
