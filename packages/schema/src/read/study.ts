import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { StudyManifestSchema, type StudyManifest } from "../model/manifest.js";
import type { Feature, FeatureKind, Study } from "../model/study.js";
import { assembleStudy, type StudyParts } from "../validate/assembleStudy.js";
import { readClinical } from "./clinical.js";
import { InputDataError, ManifestError, type InputIssue } from "./errors.js";
import { readFeatures } from "./features.js";
import { parseFlowJoTable, type FlowJoTable } from "./flowJo.js";
import { parseLongTable } from "./longTable.js";
import { parseWideTable } from "./wideTable.js";
import { RowIssues } from "./rowIssues.js";
import { readSamples } from "./samples.js";
import { readSingleCell } from "./singleCell.js";
import { readSubjects } from "./subjects.js";
import { VisitWindows } from "./visits.js";

export interface ReadStudyOptions {
  /** Read the good rows and list every bad row in `study.skipped` instead of failing. */
  skipInvalid?: boolean;
  /** How many problems an error message lists (all are in `error.issues`). Default 50. */
  issueLimit?: number;
}

/** Where a study comes from: a folder with study.json, a manifest (.json/.yaml), or one long CSV/TSV. */
export function resolveManifest(path: string): { manifest: StudyManifest; dir: string; source: string } {
  if (!existsSync(path)) throw new ManifestError(path, "no such file or folder");
  if (statSync(path).isDirectory()) {
    const candidates = ["study.json", "study.yaml", "study.yml"].map((f) => join(path, f));
    const found = candidates.find((c) => existsSync(c));
    if (found === undefined) throw new ManifestError(path, "the folder has no study.json (or study.yaml) manifest");
    return resolveManifest(found);
  }
  const ext = extname(path).toLowerCase();
  if (ext === ".json" || ext === ".yaml" || ext === ".yml") {
    let raw: unknown;
    try {
      const text = readFileSync(path, "utf8");
      raw = ext === ".json" ? JSON.parse(text) : parseYaml(text);
    } catch (error) {
      throw new ManifestError(path, `cannot parse the manifest: ${(error as Error).message}`);
    }
    const parsed = StudyManifestSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
      throw new ManifestError(path, `invalid manifest: ${problems.join("; ")}`);
    }
    return { manifest: parsed.data, dir: dirname(path), source: path };
  }
  const manifest = StudyManifestSchema.parse({
    name: basename(path, extname(path)),
    files: { measurements: basename(path) },
  });
  if (ext === ".tsv" || ext === ".tab") manifest.format.delimiter = "\t";
  return { manifest, dir: dirname(path), source: path };
}

/**
 * Reads and validates a study: the manifest, then subjects, samples, feature metadata, measurements,
 * clinical visits and single-cell counts, checking every row and the references between files. All
 * problems of all files are gathered; any problem throws one InputDataError naming file, row and column
 * (unless `skipInvalid`, which drops the bad rows and lists them in `study.skipped`).
 */
export function readStudy(path: string, options: ReadStudyOptions = {}): Study {
  const { manifest, dir, source } = resolveManifest(path);
  const skipInvalid = options.skipInvalid ?? false;
  const { delimiter, decimal } = manifest.format;
  const issues: InputIssue[] = [];
  const skipped: StudyParts["skipped"] = [];
  const extraUnits = new Set<string>(manifest.units);

  function readPart<T>(
    name: string | undefined,
    read: (text: string, file: string, rows: RowIssues) => T,
    empty: T
  ): T {
    if (name === undefined) return empty;
    const file = join(dir, name);
    if (!existsSync(file)) {
      issues.push({ file, row: null, column: null, message: "file not found (named in the manifest)" });
      return empty;
    }
    const rows = new RowIssues(file, skipInvalid);
    try {
      const out = read(readFileSync(file, "utf8"), file, rows);
      issues.push(...rows.issues);
      skipped.push(...rows.skipped);
      return out;
    } catch (error) {
      if (error instanceof InputDataError) {
        issues.push(...error.issues);
        return empty;
      }
      throw error;
    }
  }

  const files = manifest.files;
  const subjects = readPart(
    files.subjects,
    (text, file, rows) => readSubjects(text, { file, delimiter, decimal }, rows),
    []
  );
  const subjectIds = files.subjects === undefined ? undefined : new Set(subjects.map((s) => s.id));
  const windows = new VisitWindows(manifest.visits);
  const samples = readPart(
    files.samples,
    (text, file, rows) => readSamples(text, { file, delimiter, decimal, subjects: subjectIds, windows }, rows),
    []
  );
  const features = readPart(
    files.features,
    (text, file, rows) => readFeatures(text, { file, delimiter, decimal, extraUnits }, rows),
    []
  );
  const featureMap = files.features === undefined ? undefined : new Map(features.map((f) => [f.id, f]));
  const long = readPart(
    files.measurements,
    (text, file) => {
      const common = { file, delimiter, decimal, visits: manifest.visits, skipInvalid };
      const t =
        manifest.format.layout === "long"
          ? parseLongTable(text, { ...common, subjects: subjectIds, features: featureMap, extraUnits })
          : manifest.format.layout === "wide"
          ? {
              ...parseWideTable(text, { ...common, subjects: subjectIds, features: featureMap, extraUnits }),
              labels: new Map<string, string>(),
            }
          : flowJoPart(
              parseFlowJoTable(text, {
                ...common,
                samples,
                samplePattern: patternOf(manifest.format.samplePattern, source),
              })
            );
      issues.push(...t.issues);
      skipped.push(...t.skipped);
      return t;
    },
    null
  );
  if (long !== null && "features" in long) for (const f of long.features) if (!featureMap?.has(f.id)) features.push(f);
  const clinical = readPart(
    files.clinical,
    (text, file, rows) => readClinical(text, { file, delimiter, decimal, subjects: subjectIds, windows }, rows),
    []
  );
  const singleCell = readPart(
    files.singlecell,
    (text, file, rows) => readSingleCell(text, { file, delimiter, subjects: subjectIds }, rows),
    []
  );

  if (issues.length > 0) throw new InputDataError(issues, options.issueLimit);
  const parts: StudyParts = {
    subjects: files.subjects === undefined ? subjectsOf(long?.measurements ?? []) : subjects,
    samples,
    features:
      files.features === undefined && manifest.format.layout !== "flowjo"
        ? featuresOf(long?.measurements ?? [], long?.labels ?? new Map())
        : features,
    measurements: long?.measurements ?? [],
    clinical,
    singleCell,
    skipped,
  };
  return assembleStudy(parts, manifest, resolve(source));
}

function flowJoPart(t: FlowJoTable) {
  return { ...t, labels: new Map(t.features.map((f) => [f.id, f.label])) };
}

function patternOf(source: string | undefined, manifestFile: string): RegExp | undefined {
  if (source === undefined) return undefined;
  try {
    return new RegExp(source);
  } catch (error) {
    throw new ManifestError(
      manifestFile,
      `format.samplePattern is not a regular expression: ${(error as Error).message}`
    );
  }
}

/** Subjects known only from a long table (no subjects file): ids in order of appearance. */
function subjectsOf(measurements: readonly { subject: string }[]): Study["subjects"] {
  const ids = [...new Set(measurements.map((m) => m.subject))];
  return ids.map((id) => ({ id, sex: null, ageAtFirstDose: null, covariates: {} }));
}

/**
 * Feature metadata inferred from a long table (no feature file): kind from the unit (% frequency,
 * cells/uL count, concentrations serology, protein/creatinine ratios urine, score clinical).
 */
function featuresOf(
  measurements: readonly { feature: string; unit: string }[],
  labels: ReadonlyMap<string, string>
): Feature[] {
  const units = new Map<string, string>();
  for (const m of measurements) if (!units.has(m.feature)) units.set(m.feature, m.unit);
  return [...units].map(([id, unit]) => ({
    id,
    label: labels.get(id) || id,
    kind: kindOfUnit(unit),
    panel: null,
    gatePath: null,
    parent: null,
    unit,
    lloq: null,
  }));
}

function kindOfUnit(unit: string): FeatureKind {
  if (unit === "%") return "frequency";
  if (unit === "cells/uL" || unit === "/uL" || unit === "10^9/L" || unit === "x10^9/L") return "count";
  if (["g/L", "mg/dL", "mg/L", "IU/mL", "U/mL", "kIU/L", "ug/mL", "ng/mL", "pg/mL"].includes(unit)) return "serology";
  if (["mg/mmol", "mg/g", "g/g", "mg/mg", "g/day"].includes(unit)) return "urine";
  if (unit === "score" || unit === "0-3" || unit === "mg/day") return "clinical";
  return "other";
}
