import type { Feature, Measurement, SkippedRow, VisitDefinition } from "../model/study.js";
import { parseDelimited, type Delimiter } from "./delimited.js";
import { InputDataError, type InputIssue } from "./errors.js";
import { checkSampleKnown, limitProblem } from "./crossChecks.js";
import { RowIssues, checkUnnamedCells, resolveColumns } from "./rowIssues.js";
import { checkSubjectId } from "./subjects.js";
import { canonicalUnit, kindOfUnit, unitFactor, unitRangeProblem } from "./units.js";
import { parseDayCell, parseValueCell, type DecimalSeparator } from "./values.js";
import { VisitWindows, checkVisitDay } from "./visits.js";

/**
 * Column names of the long table: canonical names first, then the CDISC ADaM BDS names (USUBJID,
 * AVISIT, ADY, PARAMCD, PARAM, AVAL, AVALC, AVALU, ABLFL) and common spellings.
 */
export const LONG_COLUMN_ALIASES = {
  subject: ["subject", "USUBJID", "SUBJID", "subject_id", "patient"],
  visit: ["visit", "AVISIT", "visit_label"],
  day: ["day", "ADY", "study_day", "time_d", "time_days"],
  /** Time since the first dose in hours or minutes instead of days (converted to days: 2 h = 2/24 d). */
  timeHours: ["time_h", "time_hours", "hours"],
  timeMinutes: ["time_min", "time_minutes", "minutes"],
  feature: ["feature", "PARAMCD", "feature_id", "analyte"],
  label: ["PARAM", "label", "feature_label"],
  value: ["value", "AVAL", "result"],
  valueText: ["AVALC"],
  unit: ["unit", "AVALU", "units"],
  censored: ["censored"],
  limit: ["limit", "lloq"],
  baselineFlag: ["ABLFL"],
} as const;

export interface LongReadOptions {
  /** File name used in messages. */
  file: string;
  delimiter?: Delimiter | "auto";
  decimal?: DecimalSeparator;
  /** Declared visits: labels must be among them and days within their windows. */
  visits?: readonly VisitDefinition[];
  /** Known subject ids: other ids are errors. */
  subjects?: ReadonlySet<string>;
  /** Feature metadata: other features are errors; units must match; values below the LLOQ are censored. */
  features?: ReadonlyMap<string, Feature>;
  /** Units accepted besides the built-in list. */
  extraUnits?: ReadonlySet<string>;
  /** Samples (`sampleKey(subject, day)`) of the samples table: sample-measured values need one. */
  samples?: ReadonlySet<string>;
  /** Prefix of the comment lines allowed before the header (default "#"; null: none). */
  comment?: string | null;
  skipInvalid?: boolean;
}

export interface LongTable {
  measurements: Measurement[];
  /** Feature labels from a PARAM column (ADaM), by feature id. */
  labels: Map<string, string>;
  /** Rows flagged ABLFL = "Y": the day of the analysis baseline by `subject \u0000 feature`. */
  baselineDays: Map<string, number>;
  /** Numeric values found below their feature's LLOQ (or their row's own limit) and turned into censored values. */
  censoredBelowLloq: number;
  issues: InputIssue[];
  skipped: SkippedRow[];
}

/**
 * Reads a long measurement table, validating every row: ragged rows, values under an empty header,
 * competing columns, non-numeric or non-finite values, negative counts, percentages above 100, unknown
 * units, a unit other than the feature's (converted when the two measure the same quantity, refused
 * otherwise), duplicate (subject, day, feature), a day outside its visit's window or different from the
 * day of the same visit elsewhere, unknown subjects/features, sample-measured values without a sample,
 * non-positive censoring limits, two ABLFL baseline flags of one subject and feature. A number below its
 * row's limit (or the feature's LLOQ) is censored at that limit.
 * Problems are returned in `issues` (or, with skipInvalid, the rows in `skipped`); nothing is thrown for a
 * bad row, so a caller can gather the problems of several files.
 */
export function parseLongTable(text: string, options: LongReadOptions): LongTable {
  const file = options.file;
  const decimal = options.decimal ?? ".";
  const rows = new RowIssues(file, options.skipInvalid ?? false);
  const visitDefs = options.visits ?? [];
  const windows = new VisitWindows(visitDefs);
  const measurements: Measurement[] = [];
  const labels = new Map<string, string>();
  const baselineDays = new Map<string, number>();
  // Duplicate check: row of each day, per subject-feature pair (a few thousand small maps, not a
  // million string keys).
  const seen = new Map<string, Map<string, Map<number, number>>>();
  // Ids, visits and units repeat on every row: keep one copy of each string.
  const strings = new Map<string, string>();
  const units = new Map<string, string>();
  const unitOf = (raw: string): string => {
    let unit = units.get(raw);
    if (unit === undefined) units.set(raw, (unit = canonicalUnit(raw)));
    return unit;
  };
  const intern = (s: string): string => {
    const known = strings.get(s);
    if (known !== undefined) return known;
    strings.set(s, s);
    return s;
  };
  const visitDay = new Map<string, Map<string, { day: number; row: number }>>();
  const featureUnit = new Map<string, { unit: string; row: number }>();
  let censoredBelowLloq = 0;

  const baselineRows = new Map<string, number>();
  let unitsPerDay = 1;
  parseDelimited(text, { file, delimiter: options.delimiter, comment: options.comment }, (header) => {
    const col = resolveColumns(file, header, LONG_COLUMN_ALIASES);
    if (col.day < 0 && col.timeHours >= 0) [col.day, unitsPerDay] = [col.timeHours, 24];
    else if (col.day < 0 && col.timeMinutes >= 0) [col.day, unitsPerDay] = [col.timeMinutes, 1440];
    const missing: string[] = [];
    if (col.subject < 0) missing.push("subject (or USUBJID)");
    if (col.feature < 0) missing.push("feature (or PARAMCD)");
    if (col.value < 0 && col.valueText < 0) missing.push("value (or AVAL)");
    if (col.day < 0 && col.visit < 0) missing.push("day (or ADY, time_h, time_min) or visit (or AVISIT)");
    if (missing.length > 0) {
      throw new InputDataError(
        missing.map((m) => ({
          file,
          row: 1,
          column: m,
          message: `missing required column ${m}; the header has ${header.join(", ")}`,
        }))
      );
    }
    const name = (k: number): string => header[k];
    const width = header.length;
    return (f, row) => {
      if (f.length !== width) {
        rows.add(null, `ragged row: ${f.length} fields where the header has ${width}`);
        rows.endRow(row);
        return;
      }
      checkUnnamedCells(header, f, rows);
      const subject = f[col.subject].trim();
      checkSubjectId(subject, options.subjects, rows, name(col.subject));
      const feature = f[col.feature].trim();
      const meta = options.features?.get(feature);
      if (feature === "") rows.add(name(col.feature), "empty feature id");
      else if (options.features !== undefined && meta === undefined) {
        rows.add(name(col.feature), `unknown feature '${feature}' (not in the feature metadata)`);
      }
      let visit = col.visit >= 0 ? f[col.visit].trim() : "";
      let day: number | null = null;
      if (col.day >= 0) {
        const d = parseDayCell(f[col.day]);
        if (d.ok) day = d.value === null ? null : d.value / unitsPerDay;
        else rows.add(name(col.day), d.message);
      }
      if (day === null && visit !== "") day = windows.nominalDay(visit, visitDefs);
      if (day === null && (col.day < 0 || f[col.day].trim() === "")) {
        rows.add(
          col.day >= 0 ? name(col.day) : name(col.visit),
          "no study day (empty day and a visit label without a day)"
        );
      }
      if (visit === "" && day !== null) visit = `D${day}`;
      if (day !== null && visit !== "" && col.visit >= 0) {
        checkVisitDay(windows, visit, day, rows, name(col.visit), name(col.day >= 0 ? col.day : col.visit));
        const visits = inner(visitDay, subject);
        const first = visits.get(visit);
        if (first === undefined) visits.set(visit, { day, row });
        else if (first.day !== day) {
          rows.add(
            name(col.day >= 0 ? col.day : col.visit),
            `day ${day} contradicts day ${first.day} of visit '${visit}' at row ${first.row}`
          );
        }
      }
      let cell = col.value >= 0 ? f[col.value] : "";
      let valueColumn = col.value >= 0 ? name(col.value) : "";
      if (cell.trim() === "" && col.valueText >= 0) {
        cell = f[col.valueText];
        valueColumn = name(col.valueText);
      }
      const parsed = parseValueCell(cell, decimal);
      let value: number | null = null;
      let censored: "<" | null = null;
      let limit: number | null = null;
      if (!parsed.ok) rows.add(valueColumn, parsed.message);
      else ({ value, censored, limit } = parsed);
      if (col.censored >= 0) {
        const c = f[col.censored].trim();
        if (c === "<") censored = "<";
        else if (c !== "") rows.add(name(col.censored), `censored must be '<' or empty, got '${c}'`);
      }
      if (col.limit >= 0 && f[col.limit].trim() !== "") {
        const l = parseValueCell(f[col.limit], decimal);
        if (!l.ok || l.value === null || l.censored !== null)
          rows.add(name(col.limit), !l.ok ? l.message : `'${f[col.limit].trim()}' is not a limit`);
        else if (limit !== null && limit !== l.value)
          rows.add(name(col.limit), `limit ${l.value} contradicts the value's limit ${limit}`);
        else limit = l.value;
      }
      if (limit !== null) {
        const problem = limitProblem(limit);
        if (problem !== null) rows.add(parsed.ok && parsed.limit !== null ? valueColumn : name(col.limit), problem);
      }
      if (censored === "<") {
        if (value !== null) rows.add(valueColumn, `a censored row must leave the value empty, got ${value}`);
        if (limit === null)
          rows.add(col.limit >= 0 ? name(col.limit) : valueColumn, "a censored value needs its limit");
      }
      let unit = col.unit >= 0 ? unitOf(f[col.unit]) : meta?.unit ?? "";
      if (col.unit >= 0) {
        if (unit === "" && meta !== undefined) unit = meta.unit;
        // The feature's unit: its metadata's, else the one of its first row.
        const first = meta === undefined && feature !== "" ? featureUnit.get(feature) : undefined;
        const target = meta !== undefined ? meta.unit : first?.unit ?? unit;
        const factor = unitFactor(unit, target);
        // Any unit is accepted and carried; known units of one quantity are converted to the feature's unit.
        if (factor === null)
          rows.add(
            name(col.unit),
            meta !== undefined
              ? `unit '${unit}' differs from the feature metadata unit '${meta.unit}' and cannot be converted to it`
              : `unit '${unit}' differs from unit '${target}' of feature '${feature}' at row ${first?.row} and cannot be converted to it`
          );
        else if (factor !== 1) {
          if (value !== null) value *= factor;
          if (limit !== null) limit *= factor;
          unit = target;
        }
        if (meta === undefined && feature !== "" && first === undefined)
          featureUnit.set(feature, { unit, row });
      }
      if (value !== null) {
        const problem = unitRangeProblem(value, unit);
        const lloq = limit ?? meta?.lloq ?? null;
        if (problem !== null) rows.add(valueColumn, problem);
        else if (lloq !== null && value < lloq) {
          censored = "<";
          limit = lloq;
          value = null;
          censoredBelowLloq += 1;
        }
      }
      if (day !== null && feature !== "")
        checkSampleKnown(options.samples, subject, day, meta?.kind ?? kindOfUnit(unit), rows, name(col.subject));
      if (subject !== "" && feature !== "" && day !== null) {
        const days = inner(inner(seen, subject), feature);
        const first = days.get(day);
        if (first !== undefined)
          rows.add(null, `duplicate of row ${first} (same subject '${subject}', day ${day} and feature '${feature}')`);
        else days.set(day, row);
      }
      if (!rows.endRow(row)) return;
      measurements.push({
        subject: intern(subject),
        visit: intern(visit),
        day: day!,
        feature: intern(feature),
        value,
        unit: intern(unit),
        censored,
        limit,
      });
      if (col.label >= 0 && !labels.has(feature)) labels.set(feature, f[col.label].trim());
      if (col.baselineFlag >= 0 && f[col.baselineFlag].trim().toUpperCase() === "Y") {
        const key = `${subject}\u0000${feature}`;
        const first = baselineRows.get(key);
        if (first !== undefined)
          rows.fileIssue(
            row,
            name(col.baselineFlag),
            `second baseline flag of subject '${subject}' and feature '${feature}' (first at row ${first}); flag one row`
          );
        else {
          baselineRows.set(key, row);
          baselineDays.set(key, day!);
        }
      }
    };
  });
  return { measurements, labels, baselineDays, censoredBelowLloq, issues: rows.issues, skipped: rows.skipped };
}

/** The inner map of `key`, created when absent (two-level keys without building key strings per row). */
function inner<K, V>(outer: Map<string, Map<K, V>>, key: string): Map<K, V> {
  let map = outer.get(key);
  if (map === undefined) outer.set(key, (map = new Map()));
  return map;
}
