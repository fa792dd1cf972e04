import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  CLINICAL_COLUMNS,
  FEATURE_COLUMNS,
  MEASUREMENT_COLUMNS,
  SAMPLE_COLUMNS,
  SINGLE_CELL_COLUMNS,
  SUBJECT_COLUMNS,
} from "../model/columns.js";
import { SLEDAI2K_DESCRIPTORS } from "../model/study.js";
import { simulateCohort, type SimulateOptions, type SimulatedCohort } from "./cohort.js";

type Cell = string | number | boolean | null;

/** RFC 4180 field: quoted when it holds the delimiter, a quote, a line break or a leading '#'. */
function csvField(value: Cell): string {
  if (value === null) return "";
  const text = typeof value === "boolean" ? (value ? "1" : "0") : String(value);
  return /[",\r\n]|^#/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvText(banner: string, header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const lines = [banner, header.join(",")];
  for (const row of rows) lines.push(row.map(csvField).join(","));
  return `${lines.join("\n")}\n`;
}

/**
 * Writes a simulated cohort as a study folder: study.json (the manifest), measurements.csv, subjects.csv,
 * samples.csv, features.csv, clinical.csv, singlecell.csv and ground-truth.json. Every CSV starts with a
 * `# SIMULATED ...` comment line. Returns the paths written.
 */
export function writeStudyFolder(dir: string, cohort: SimulatedCohort): string[] {
  mkdirSync(dir, { recursive: true });
  const { parts, manifest } = cohort;
  const banner = `# SIMULATED data (biomarker simulate --seed ${cohort.seed}): not real patients`;
  const covariateNames = [...new Set(parts.subjects.flatMap((s) => Object.keys(s.covariates)))];
  const files: [string, string][] = [
    ["study.json", `${JSON.stringify(manifest, null, 2)}\n`],
    [
      manifest.files.measurements,
      csvText(
        banner,
        MEASUREMENT_COLUMNS,
        parts.measurements.map((m) => [m.subject, m.visit, m.day, m.feature, m.value, m.unit, m.censored, m.limit])
      ),
    ],
    [
      manifest.files.subjects!,
      csvText(
        banner,
        [...SUBJECT_COLUMNS, ...covariateNames],
        parts.subjects.map((s) => [
          s.id,
          s.sex,
          s.ageAtFirstDose,
          ...covariateNames.map((c) => s.covariates[c] ?? null),
        ])
      ),
    ],
    [
      manifest.files.samples!,
      csvText(
        banner,
        SAMPLE_COLUMNS,
        parts.samples.map((s) => [s.id, s.subject, s.visit, s.day, s.viability, s.haemolysis, s.volumeMl])
      ),
    ],
    [
      manifest.files.features!,
      csvText(
        banner,
        FEATURE_COLUMNS,
        parts.features.map((f) => [f.id, f.label, f.kind, f.panel, f.gatePath, f.parent, f.unit, f.lloq])
      ),
    ],
    [
      manifest.files.clinical!,
      csvText(
        banner,
        CLINICAL_COLUMNS,
        parts.clinical.map((c) => [
          c.subject,
          c.visit,
          c.day,
          ...SLEDAI2K_DESCRIPTORS.map((d) => c.descriptors?.[d] ?? ""),
          c.sledai2k,
          c.pga,
          c.prednisoneMgPerDay,
          c.immunosuppressantsStable,
        ])
      ),
    ],
    [
      manifest.files.singlecell!,
      csvText(
        banner,
        SINGLE_CELL_COLUMNS,
        parts.singleCell.map((c) => [c.subject, c.visit, c.day, c.cellType, c.count])
      ),
    ],
    ["ground-truth.json", `${JSON.stringify(cohort.groundTruth, null, 2)}\n`],
  ];
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  return files.map(([name]) => join(dir, name));
}

export interface SimulatedFolderSummary {
  out: string;
  seed: number;
  subjects: number;
  flowPopulations: number;
  features: number;
  measurements: number;
  files: string[];
}

/** `biomarker simulate`: simulates a cohort and writes it as a study folder. */
export function simulateStudyFolder(out: string, options: SimulateOptions): SimulatedFolderSummary {
  const cohort = simulateCohort(options);
  const files = writeStudyFolder(out, cohort);
  return {
    out,
    seed: cohort.seed,
    subjects: cohort.parts.subjects.length,
    flowPopulations: options.features ?? 40,
    features: cohort.study.features.length,
    measurements: cohort.study.measurements.length,
    files,
  };
}
