import type { Feature, Measurement, SkippedRow } from "../model/study.js";
import { parseDelimited } from "./delimited.js";
import { InputDataError, type InputIssue } from "./errors.js";
import type { LongReadOptions } from "./longTable.js";
import { checkSampleKnown, limitProblem } from "./crossChecks.js";
import { RowIssues, checkUnnamedCells, resolveColumns } from "./rowIssues.js";
import { checkSubjectId } from "./subjects.js";
import { canonicalUnit, isKnownUnit, kindOfUnit, unitFactor, unitRangeProblem } from "./units.js";
import { parseDayCell, parseValueCell } from "./values.js";
import { VisitWindows, checkVisitDay } from "./visits.js";

/** As for the long table; the feature metadata also give units (and LLOQs) to columns whose header has none. */
export type WideReadOptions = LongReadOptions;

export interface WideTable {
  measurements: Measurement[];
  issues: InputIssue[];
  skipped: SkippedRow[];
}

const ID_COLUMNS = {
  subject: ["subject", "USUBJID", "subject_id"],
  visit: ["visit", "AVISIT"],
  day: ["day", "ADY", "study_day"],
  sample: ["sample", "sample_id"],
} as const;

/** "C3 [g/L]" or "C3 (g/L)" -> feature "C3", unit "g/L" (parentheses only when they hold a known unit). */
export function splitUnitFromHeader(
  header: string,
  extraUnits?: ReadonlySet<string>
): { feature: string; unit: string | null } {
  const bracket = /^(.*\S)\s*\[([^\]]*)\]$/.exec(header);
  if (bracket) return { feature: bracket[1], unit: canonicalUnit(bracket[2]) };
  const paren = /^(.*\S)\s*\(([^)]*)\)$/.exec(header);
  if (paren && isKnownUnit(canonicalUnit(paren[2]), extraUnits))
    return { feature: paren[1], unit: canonicalUnit(paren[2]) };
  return { feature: header, unit: null };
}

/**
 * Reads a wide table: one row per sample (subject, visit and/or day), one column per feature, the unit in
 * the header ("C3 [g/L]") or in the feature metadata. Returns the canonical long measurements; cells may
 * be empty (missing) or left-censored ("<0.5"). Validation as for the long table, per cell; in the header,
 * two columns of one feature (`C3 [g/L]` beside `C3 [mg/dL]`, or one name twice) are an error naming
 * both, and a value under a column without a header is a row error. A header unit other than the
 * feature metadata's is converted when both measure the same quantity (mg/dL to g/L), refused otherwise.
 */
export function parseWideTable(text: string, options: WideReadOptions): WideTable {
  const file = options.file;
  const decimal = options.decimal ?? ".";
  const rows = new RowIssues(file, options.skipInvalid ?? false);
  const visitDefs = options.visits ?? [];
  const windows = new VisitWindows(visitDefs);
  const measurements: Measurement[] = [];
  const seen = new Map<string, number>();
  parseDelimited(text, { file, delimiter: options.delimiter, comment: options.comment }, (header) => {
    const col = resolveColumns(file, header, ID_COLUMNS);
    if (col.subject < 0 || (col.day < 0 && col.visit < 0)) {
      throw new InputDataError([
        {
          file,
          row: 1,
          column: col.subject < 0 ? "subject" : "day",
          message: "a wide table needs a subject column and a day or visit column",
        },
      ]);
    }
    const idIndexes = new Set(Object.values(col).filter((k) => k >= 0));
    const featureColumns: { index: number; feature: string; unit: string; factor: number; meta: Feature | undefined }[] = [];
    const columnOf = new Map<string, number>();
    const headerIssues: InputIssue[] = [];
    header.forEach((h, index) => {
      if (idIndexes.has(index) || h === "") return;
      const split = splitUnitFromHeader(h, options.extraUnits);
      const meta = options.features?.get(split.feature);
      const unit = split.unit ?? meta?.unit ?? null;
      const factor = unit === null || meta === undefined ? 1 : unitFactor(unit, meta.unit);
      const other = columnOf.get(split.feature);
      if (other !== undefined) {
        headerIssues.push({
          file,
          row: 1,
          column: h,
          message: `columns '${header[other]}' and '${h}' both hold feature '${split.feature}'; keep one`,
        });
        return;
      }
      columnOf.set(split.feature, index);
      if (unit === null)
        headerIssues.push({
          file,
          row: 1,
          column: h,
          message: "no unit: write it in the header, e.g. 'C3 [g/L]', or give feature metadata",
        });
      else if (options.features !== undefined && meta === undefined)
        headerIssues.push({
          file,
          row: 1,
          column: h,
          message: `unknown feature '${split.feature}' (not in the feature metadata)`,
        });
      else if (factor === null)
        headerIssues.push({
          file,
          row: 1,
          column: h,
          message: `unit '${unit}' differs from the feature metadata unit '${meta!.unit}' and cannot be converted to it`,
        });
      else featureColumns.push({ index, feature: split.feature, unit: meta?.unit ?? unit, factor, meta });
    });
    if (headerIssues.length > 0) throw new InputDataError(headerIssues);
    return (f, row) => {
      if (f.length !== header.length) {
        rows.add(null, `ragged row: ${f.length} fields where the header has ${header.length}`);
        rows.endRow(row);
        return;
      }
      checkUnnamedCells(header, f, rows);
      const subject = f[col.subject].trim();
      checkSubjectId(subject, options.subjects, rows, header[col.subject]);
      let visit = col.visit >= 0 ? f[col.visit].trim() : "";
      let day: number | null = null;
      if (col.day >= 0) {
        const d = parseDayCell(f[col.day]);
        if (d.ok) day = d.value;
        else rows.add(header[col.day], d.message);
      }
      if (day === null && visit !== "") day = windows.nominalDay(visit, visitDefs);
      if (day === null) rows.add(header[col.day >= 0 ? col.day : col.visit], "no study day");
      if (visit === "" && day !== null) visit = `D${day}`;
      if (day !== null && col.visit >= 0)
        checkVisitDay(windows, visit, day, rows, header[col.visit], header[col.day >= 0 ? col.day : col.visit]);
      const key = `${subject}\u0000${day}`;
      if (seen.has(key)) rows.add(null, `duplicate of row ${seen.get(key)} (same subject '${subject}' and day ${day})`);
      else seen.set(key, row);
      const out: Measurement[] = [];
      let sampleChecked = false;
      for (const c of featureColumns) {
        const parsed = parseValueCell(f[c.index], decimal);
        if (!parsed.ok) {
          rows.add(header[c.index], parsed.message);
          continue;
        }
        let { value, censored, limit } = parsed;
        if (value !== null) value *= c.factor;
        if (limit !== null) {
          limit *= c.factor;
          const problem = limitProblem(limit);
          if (problem !== null) rows.add(header[c.index], problem);
        }
        if (value !== null) {
          const problem = unitRangeProblem(value, c.unit);
          if (problem !== null) rows.add(header[c.index], problem);
          else if (c.meta?.lloq != null && value < c.meta.lloq)
            ({ value, censored, limit } = { value: null, censored: "<", limit: c.meta.lloq });
        }
        if (value === null && censored === null) continue;
        // One issue per row (at its first sample-measured value), not one per cell.
        if (day !== null && !sampleChecked) {
          const before = rows.pendingCount();
          checkSampleKnown(options.samples, subject, day, c.meta?.kind ?? kindOfUnit(c.unit), rows, header[c.index]);
          sampleChecked = rows.pendingCount() > before;
        }
        out.push({ subject, visit, day: day ?? 0, feature: c.feature, value, unit: c.unit, censored, limit });
      }
      if (rows.endRow(row)) for (const m of out) measurements.push(m);
    };
  });
  return { measurements, issues: rows.issues, skipped: rows.skipped };
}
