import type { Subject } from "../model/study.js";
import type { DelimitedOptions } from "./delimited.js";
import type { RowIssues } from "./rowIssues.js";
import { readTable } from "./tableReader.js";
import { parseNumberCell, isMissing, type DecimalSeparator } from "./values.js";

const SEX: Record<string, "F" | "M"> = { f: "F", female: "F", m: "M", male: "M" };

/**
 * Subjects: `subject` (kept as a string: "007" stays "007"), `sex` (F/M, female/male; U, unknown or
 * empty for not known), `age` (age at first dose, years); every other column is a baseline covariate (a
 * number when it reads as one).
 */
export function readSubjects(
  text: string,
  options: DelimitedOptions & { decimal: DecimalSeparator },
  issues: RowIssues
): Subject[] {
  const ids = new Map<string, number>();
  return readTable(
    text,
    options,
    {
      subject: { aliases: ["subject", "USUBJID", "SUBJID", "subject_id"], required: true },
      sex: { aliases: ["sex", "SEX"], required: false },
      age: { aliases: ["age", "age_at_first_dose", "AGE"], required: false },
    },
    issues,
    (r) => {
      const id = r.get("subject");
      if (id === "") issues.add(r.name("subject"), "empty subject id");
      else if (ids.has(id)) issues.add(r.name("subject"), `duplicate subject '${id}' (also at row ${ids.get(id)})`);
      else ids.set(id, r.row);
      const sexText = r.get("sex");
      const unknown = isMissing(sexText) || /^(u|unknown)$/i.test(sexText);
      const sex = unknown ? null : SEX[sexText.toLowerCase()] ?? undefined;
      if (sex === undefined) issues.add(r.name("sex"), `sex must be F or M, got '${sexText}'`);
      const age = parseNumberCell(r.get("age"), options.decimal);
      if (!age.ok) issues.add(r.name("age"), age.message);
      else if (age.value !== null && age.value < 0) issues.add(r.name("age"), `negative age ${age.value}`);
      const covariates: Record<string, string | number | null> = {};
      for (const [name, cell] of Object.entries(r.extra())) {
        const n = parseNumberCell(cell, options.decimal);
        covariates[name] = isMissing(cell) ? null : n.ok ? n.value : cell;
      }
      return { id, sex: sex ?? null, ageAtFirstDose: age.ok ? age.value : null, covariates };
    }
  );
}

/** Adds an issue when a subject id is empty, or unknown to the subjects table when there is one. */
export function checkSubjectId(
  subject: string,
  subjects: ReadonlySet<string> | undefined,
  issues: { add: (column: string | null, message: string) => void },
  column: string
): void {
  if (subject === "") issues.add(column, "empty subject id");
  else if (subjects !== undefined && !subjects.has(subject))
    issues.add(column, `unknown subject '${subject}' (not in the subjects table)`);
}
