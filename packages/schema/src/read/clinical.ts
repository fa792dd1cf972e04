import { clinicalSledai, sledai2k } from "../clinical/sledai2k.js";
import { descriptorColumn } from "../model/columns.js";
import { SLEDAI2K_DESCRIPTORS, type ClinicalVisit, type Sledai2kDescriptors } from "../model/study.js";
import type { DelimitedOptions } from "./delimited.js";
import { checkSubjectId } from "./subjects.js";
import { checkVisitDay, type VisitWindows } from "./visits.js";
import type { RowIssues } from "./rowIssues.js";
import { readTable, type ColumnSpec, type TableRow } from "./tableReader.js";
import { parseBooleanCell, parseDayCell, parseNumberCell, type DecimalSeparator } from "./values.js";

type ClinicalKey =
  | "subject"
  | "visit"
  | "day"
  | "sledai2k"
  | "pga"
  | "prednisone"
  | "stable"
  | (typeof SLEDAI2K_DESCRIPTORS)[number];

/**
 * Clinical visits: `subject, visit, day`, the 24 SLEDAI-2K descriptors (snake_case or camelCase columns,
 * 1/0, yes/no), optionally the recorded `sledai2k` total (which must equal the weighted sum of the
 * descriptors, or the row is an error naming the visit). A totals-only file (no descriptor column, a
 * `sledai2k` column) is accepted: what needs the descriptors (clinical SLEDAI-2K, major-organ and new
 * activity) is missing, not refused. Optional: `pga` (0-3), `prednisone_mg_day`,
 * `immunosuppressants_stable`.
 */
export function readClinical(
  text: string,
  options: DelimitedOptions & { decimal: DecimalSeparator; subjects?: ReadonlySet<string>; windows?: VisitWindows },
  issues: RowIssues
): ClinicalVisit[] {
  const spec: Partial<Record<ClinicalKey, ColumnSpec>> = {
    subject: { aliases: ["subject", "USUBJID", "subject_id"], required: true },
    visit: { aliases: ["visit", "AVISIT"], required: true },
    day: { aliases: ["day", "ADY", "study_day"], required: true },
    sledai2k: { aliases: ["sledai2k", "sledai_2k", "sledai"], required: false },
    pga: { aliases: ["pga"], required: false },
    prednisone: { aliases: ["prednisone_mg_day", "prednisone"], required: false },
    stable: { aliases: ["immunosuppressants_stable"], required: false },
  };
  for (const d of SLEDAI2K_DESCRIPTORS) spec[d] = { aliases: [descriptorColumn(d), d], required: false };
  const seen = new Map<string, number>();
  return readTable(text, options, spec as Record<ClinicalKey, ColumnSpec>, issues, (r) => {
    const present = SLEDAI2K_DESCRIPTORS.filter((d) => r.has(d));
    if (present.length === 0) return totalsOnlyVisit(r, options, issues);
    // Some descriptors but not all: each missing column is named (on the first data row).
    if (present.length < SLEDAI2K_DESCRIPTORS.length && seen.size === 0)
      for (const d of SLEDAI2K_DESCRIPTORS.filter((x) => !r.has(x)))
        issues.add(descriptorColumn(d), `missing SLEDAI-2K descriptor column '${descriptorColumn(d)}' (give all 24, or none with a sledai2k total)`);
    const subject = r.get("subject");
    checkSubjectId(subject, options.subjects, issues, r.name("subject"));
    const visit = r.get("visit");
    const day = parseDayCell(r.get("day"));
    if (!day.ok) issues.add(r.name("day"), day.message);
    else if (day.value === null) issues.add(r.name("day"), "empty day");
    if (options.windows !== undefined && day.ok && day.value !== null)
      checkVisitDay(options.windows, visit, day.value, issues, r.name("visit"), r.name("day"));
    const key = `${subject}\u0000${visit}`;
    if (seen.has(key))
      issues.add(
        r.name("visit"),
        `duplicate clinical visit '${visit}' of subject '${subject}' (also at row ${seen.get(key)})`
      );
    else seen.set(key, r.row);
    if (day.ok && day.value !== null) {
      const dayKey = `${subject}\u0000day\u0000${day.value}`;
      const first = seen.get(dayKey);
      if (first !== undefined && first !== r.row)
        issues.add(r.name("day"), `duplicate clinical visit of subject '${subject}' on day ${day.value} (also at row ${first})`);
      else seen.set(dayKey, r.row);
    }
    const descriptors = Object.fromEntries(SLEDAI2K_DESCRIPTORS.map((d) => [d, false])) as Sledai2kDescriptors;
    for (const d of SLEDAI2K_DESCRIPTORS.filter((x) => r.has(x))) {
      const b = parseBooleanCell(r.get(d));
      if (!b.ok) issues.add(r.name(d), b.message);
      else if (b.value === null) issues.add(r.name(d), "missing descriptor (record 0 when absent)");
      descriptors[d] = b.ok && b.value === true;
    }
    const total = sledai2k(descriptors);
    if (r.has("sledai2k")) {
      const given = parseNumberCell(r.get("sledai2k"), ".");
      if (!given.ok) issues.add(r.name("sledai2k"), given.message);
      else if (given.value !== null && given.value !== total) {
        issues.add(
          r.name("sledai2k"),
          `SLEDAI-2K total ${given.value} disagrees with its descriptors (weighted sum ${total}) at subject '${subject}' visit '${visit}'`
        );
      }
    }
    const pga = parseNumberCell(r.get("pga"), options.decimal);
    if (!pga.ok) issues.add(r.name("pga"), pga.message);
    else if (pga.value !== null && (pga.value < 0 || pga.value > 3))
      issues.add(r.name("pga"), `PGA ${pga.value} is outside 0-3`);
    const pred = parseNumberCell(r.get("prednisone"), options.decimal);
    if (!pred.ok) issues.add(r.name("prednisone"), pred.message);
    else if (pred.value !== null && pred.value < 0)
      issues.add(r.name("prednisone"), `negative prednisone dose ${pred.value}`);
    const stable = parseBooleanCell(r.get("stable"));
    if (!stable.ok) issues.add(r.name("stable"), stable.message);
    return {
      subject,
      visit,
      day: day.ok && day.value !== null ? day.value : 0,
      descriptors,
      sledai2k: total,
      clinicalSledai: clinicalSledai(descriptors),
      pga: pga.ok ? pga.value : null,
      prednisoneMgPerDay: pred.ok ? pred.value : null,
      immunosuppressantsStable: stable.ok ? stable.value : null,
    };
  });
}

/** A row of a totals-only clinical file: the recorded SLEDAI-2K total, no descriptors. */
function totalsOnlyVisit(
  r: TableRow<ClinicalKey>,
  options: { decimal: DecimalSeparator; subjects?: ReadonlySet<string>; windows?: VisitWindows },
  issues: RowIssues
): ClinicalVisit {
  const subject = r.get("subject");
  checkSubjectId(subject, options.subjects, issues, r.name("subject"));
  const visit = r.get("visit");
  const day = parseDayCell(r.get("day"));
  if (!day.ok) issues.add(r.name("day"), day.message);
  else if (day.value === null) issues.add(r.name("day"), "empty day");
  if (options.windows !== undefined && day.ok && day.value !== null)
    checkVisitDay(options.windows, visit, day.value, issues, r.name("visit"), r.name("day"));
  const total = parseNumberCell(r.get("sledai2k"), ".");
  if (!r.has("sledai2k")) issues.add("sledai2k", "a clinical file needs the 24 SLEDAI-2K descriptors or a sledai2k total column");
  else if (!total.ok) issues.add(r.name("sledai2k"), total.message);
  else if (total.value === null) issues.add(r.name("sledai2k"), "empty SLEDAI-2K total");
  else if (!Number.isInteger(total.value) || total.value < 0 || total.value > 105)
    issues.add(r.name("sledai2k"), `SLEDAI-2K total ${total.value} is not a whole number in 0-105`);
  const pga = parseNumberCell(r.get("pga"), options.decimal);
  if (!pga.ok) issues.add(r.name("pga"), pga.message);
  else if (pga.value !== null && (pga.value < 0 || pga.value > 3)) issues.add(r.name("pga"), `PGA ${pga.value} is outside 0-3`);
  const pred = parseNumberCell(r.get("prednisone"), options.decimal);
  if (!pred.ok) issues.add(r.name("prednisone"), pred.message);
  else if (pred.value !== null && pred.value < 0) issues.add(r.name("prednisone"), `negative prednisone dose ${pred.value}`);
  const stable = parseBooleanCell(r.get("stable"));
  if (!stable.ok) issues.add(r.name("stable"), stable.message);
  return {
    subject,
    visit,
    day: day.ok && day.value !== null ? day.value : 0,
    descriptors: null,
    sledai2k: total.ok && total.value !== null ? total.value : 0,
    clinicalSledai: null,
    pga: pga.ok ? pga.value : null,
    prednisoneMgPerDay: pred.ok ? pred.value : null,
    immunosuppressantsStable: stable.ok ? stable.value : null,
  };
}
