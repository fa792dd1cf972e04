import type { Feature, Measurement, Sample, SkippedRow, VisitDefinition } from "../model/study.js";
import { parseDelimited, type Delimiter } from "./delimited.js";
import { InputDataError, type InputIssue } from "./errors.js";
import { checkSampleKnown, limitProblem, sampleKey } from "./crossChecks.js";
import { MAX_SAMPLE_NAME_LENGTH } from "./samplePattern.js";
import { RowIssues, checkUnnamedCells } from "./rowIssues.js";
import { checkSubjectId } from "./subjects.js";
import { unitRangeProblem } from "./units.js";
import { parseValueCell, type DecimalSeparator } from "./values.js";
import { VisitWindows, checkVisitDay, nominalDayOfLabel } from "./visits.js";

export interface FlowJoReadOptions {
  file: string;
  delimiter?: Delimiter | "auto";
  decimal?: DecimalSeparator;
  /** Samples whose id is the FlowJo row name without its .fcs extension. */
  samples?: readonly Sample[];
  /** Otherwise a pattern on the row name with named groups `subject` and `visit` (and optionally `day`). */
  samplePattern?: RegExp;
  visits?: readonly VisitDefinition[];
  /** Known subject ids: other ids are errors. */
  subjects?: ReadonlySet<string>;
  /** Samples (`sampleKey(subject, day)`) of the samples table: a row located by the pattern needs one. */
  knownSamples?: ReadonlySet<string>;
  /** Prefix of the comment lines allowed before the header (default "#"; null: none). */
  comment?: string | null;
  skipInvalid?: boolean;
}

export interface FlowJoTable {
  measurements: Measurement[];
  /** One feature per statistic column, gate path kept. */
  features: Feature[];
  /** Summary rows (Mean, SD, Median, CV, Min, Max) dropped. */
  droppedSummaryRows: number;
  issues: InputIssue[];
  skipped: SkippedRow[];
}

const SUMMARY_ROWS = new Set(["mean", "sd", "median", "cv", "min", "max", "std dev", "standard deviation"]);

/** FlowJo statistic -> feature kind and unit. */
function statisticKind(statistic: string): { kind: Feature["kind"]; unit: string } {
  const s = statistic.toLowerCase();
  if (s.startsWith("freq.") || s.startsWith("frequency")) return { kind: "frequency", unit: "%" };
  if (s === "count" || s === "#cells") return { kind: "count", unit: "events" };
  return { kind: "other", unit: "" };
}

/**
 * Reads a FlowJo table-editor export: the first column names the sample (an .fcs file), every other
 * header is `gate/path | Statistic` (e.g. `Lymphocytes/Single Cells/CD19+ | Freq. of Parent`). Summary
 * rows (Mean, SD, ...) are dropped and counted. The feature id is the header as written; the gate path and
 * the parent gate are kept in the feature metadata. Rows map to subject/visit/day through `samples` or
 * `samplePattern`. Across rows: one row per sample (the same sample under two names, `001_D0_0.fcs` and
 * `001_D0_0`, or two names of one subject and day, is an error), the day within its visit's window, the
 * subject known to the subjects table.
 */
export function parseFlowJoTable(text: string, options: FlowJoReadOptions): FlowJoTable {
  const file = options.file;
  const decimal = options.decimal ?? ".";
  const rows = new RowIssues(file, options.skipInvalid ?? false);
  const sampleById = new Map((options.samples ?? []).map((s) => [s.id, s]));
  const visitDay = new Map((options.visits ?? []).map((v) => [v.label, v.day]));
  const windows = new VisitWindows(options.visits ?? []);
  const rowOfSample = new Map<string, { row: number; name: string }>();
  const measurements: Measurement[] = [];
  const features: Feature[] = [];
  // Column index of each feature (FlowJo ends rows with a delimiter: empty trailing columns are ignored).
  const columns: number[] = [];
  let droppedSummaryRows = 0;
  parseDelimited(text, { file, delimiter: options.delimiter, comment: options.comment }, (header) => {
    const problems: InputIssue[] = [];
    header.forEach((h, k) => {
      if (k === 0 || h === "") return;
      const bar = h.lastIndexOf("|");
      if (bar < 0) {
        problems.push({
          file,
          row: 1,
          column: h,
          message: "not a FlowJo statistic header like 'Lymphocytes/CD19+ | Freq. of Parent'",
        });
        return;
      }
      const gatePath = h.slice(0, bar).trim();
      const statistic = h.slice(bar + 1).trim();
      const gates = gatePath.split("/");
      const { kind, unit } = statisticKind(statistic);
      const id = `${gatePath} | ${statistic}`;
      const other = features.findIndex((f) => f.id === id);
      if (other >= 0) {
        problems.push({ file, row: 1, column: h, message: `columns '${header[columns[other]]}' and '${h}' both hold '${id}'; keep one` });
        return;
      }
      columns.push(k);
      features.push({
        id,
        label: `${gates.at(-1)} ${statistic}`,
        kind,
        panel: null,
        gatePath,
        parent: gates.length > 1 ? gates.slice(0, -1).join("/") : null,
        unit,
        lloq: null,
      });
    });
    if (problems.length > 0) throw new InputDataError(problems);
    const nameColumn = header[0] === "" ? "(sample name)" : header[0];
    return (f, row) => {
      const name = f[0].trim();
      if (SUMMARY_ROWS.has(name.toLowerCase())) {
        droppedSummaryRows += 1;
        return;
      }
      if (f.length !== header.length) {
        rows.add(null, `ragged row: ${f.length} fields where the header has ${header.length}`);
        rows.endRow(row);
        return;
      }
      checkUnnamedCells(header, f, rows, 1);
      const where = locate(name.replace(/\.fcs$/i, ""));
      if (typeof where === "string") rows.add(nameColumn, where);
      else {
        checkSubjectId(where.subject, options.subjects, rows, nameColumn);
        checkVisitDay(windows, where.visit, where.day, rows, nameColumn, nameColumn);
        checkSampleKnown(options.knownSamples, where.subject, where.day, "frequency", rows, nameColumn);
        const key = sampleKey(where.subject, where.day);
        const first = rowOfSample.get(key);
        if (first !== undefined)
          rows.add(
            nameColumn,
            `sample '${name}' repeats subject '${where.subject}' day ${where.day} of sample '${first.name}' at row ${first.row}`
          );
        else rowOfSample.set(key, { row, name });
      }
      const out: Measurement[] = [];
      features.forEach((feature, k) => {
        const column = columns[k];
        const parsed = parseValueCell(f[column], decimal);
        if (!parsed.ok) {
          rows.add(header[column], parsed.message);
          return;
        }
        if (parsed.value !== null) {
          const problem = unitRangeProblem(parsed.value, feature.unit);
          if (problem !== null) rows.add(header[column], problem);
        }
        if (parsed.limit !== null) {
          const problem = limitProblem(parsed.limit);
          if (problem !== null) rows.add(header[column], problem);
        }
        if (typeof where === "string" || (parsed.value === null && parsed.censored === null)) return;
        out.push({
          ...where,
          feature: feature.id,
          value: parsed.value,
          unit: feature.unit,
          censored: parsed.censored,
          limit: parsed.limit,
        });
      });
      if (rows.endRow(row)) for (const m of out) measurements.push(m);
    };
  });

  function locate(name: string): { subject: string; visit: string; day: number } | string {
    const sample = sampleById.get(name);
    if (sample !== undefined) return { subject: sample.subject, visit: sample.visit, day: sample.day };
    if (options.samplePattern !== undefined && name.length > MAX_SAMPLE_NAME_LENGTH)
      return `sample name of ${name.length} characters; at most ${MAX_SAMPLE_NAME_LENGTH} are matched against the sample pattern`;
    const match = options.samplePattern?.exec(name);
    if (match?.groups?.subject !== undefined && match.groups.visit !== undefined) {
      const visit = match.groups.visit;
      const day =
        match.groups.day !== undefined ? Number(match.groups.day) : visitDay.get(visit) ?? nominalDayOfLabel(visit);
      if (day === null || !Number.isInteger(day))
        return `cannot tell the study day of sample '${name}' (visit '${visit}')`;
      return { subject: match.groups.subject, visit, day };
    }
    return `sample '${name}' is not in the samples table${
      options.samplePattern ? " and does not match the sample pattern" : ""
    }`;
  }

  return { measurements, features, droppedSummaryRows, issues: rows.issues, skipped: rows.skipped };
}
