import { existsSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { parse as parseYaml } from "yaml";
import { StudyManifestSchema, type StudyManifest } from "../model/manifest.js";
import type { Feature, FeatureKind, Study } from "../model/study.js";
import { assembleStudy, type StudyParts } from "../validate/assembleStudy.js";
import { readClinical } from "./clinical.js";
import { InputDataError, ManifestError, type InputIssue } from "./errors.js";
import { sampleKey } from "./crossChecks.js";
import { readFeatures } from "./features.js";
import { readInputText } from "./inputFile.js";
import { parseFlowJoTable, type FlowJoTable } from "./flowJo.js";
import { parseLongTable } from "./longTable.js";
import { parseWideTable } from "./wideTable.js";
import { RowIssues } from "./rowIssues.js";
import { safeSamplePattern } from "./samplePattern.js";
import { readSamples } from "./samples.js";
import { readSingleCell } from "./singleCell.js";
import { readSubjects } from "./subjects.js";
import { kindOfUnit } from "./units.js";
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
    let text: string;
    try {
      text = readInputText(path);
    } catch (error) {
      throw new ManifestError(path, (error as InputDataError).issues?.[0]?.message ?? (error as Error).message);
    }
    try {
      raw = ext === ".json" ? JSON.parse(text) : parseYaml(text);
    } catch (error) {
      throw new ManifestError(path, `cannot parse the manifest: ${(error as Error).message}`);
    }
    const parsed = StudyManifestSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.flatMap((i) => {
        const at = i.path.map(String);
        if (i.code === "unrecognized_keys") return i.keys.map((k) => `${[...at, k].join(".")}: unknown key`);
        return [`${at.join(".") || "(root)"}: ${i.message}`];
      });
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
  const encoding = manifest.format.encoding ?? "utf-8";
  const comment = manifest.format.comment === undefined ? "#" : manifest.format.comment;
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
    const outside = pathProblem(dir, name);
    if (outside !== null) {
      issues.push({ file: source, row: null, column: null, message: `file '${name}': ${outside}` });
      return empty;
    }
    if (!existsSync(file)) {
      issues.push({ file, row: null, column: null, message: "file not found (named in the manifest)" });
      return empty;
    }
    const rows = new RowIssues(file, skipInvalid);
    try {
      const out = read(readInputText(file, encoding), file, rows);
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
    (text, file, rows) => readSubjects(text, { file, delimiter, decimal, comment }, rows),
    []
  );
  const subjectIds = files.subjects === undefined ? undefined : new Set(subjects.map((s) => s.id));
  const windows = new VisitWindows(manifest.visits);
  const samples = readPart(
    files.samples,
    (text, file, rows) => readSamples(text, { file, delimiter, decimal, comment, subjects: subjectIds, windows }, rows),
    []
  );
  const sampleKeys = files.samples === undefined ? undefined : new Set(samples.map((s) => sampleKey(s.subject, s.day)));
  const features = readPart(
    files.features,
    (text, file, rows) => readFeatures(text, { file, delimiter, decimal, comment, extraUnits }, rows),
    []
  );
  const featureMap = files.features === undefined ? undefined : new Map(features.map((f) => [f.id, f]));
  const long = readPart(
    files.measurements,
    (text, file) => {
      const common = { file, delimiter, decimal, comment, visits: manifest.visits, subjects: subjectIds, skipInvalid };
      const t =
        manifest.format.layout === "long"
          ? parseLongTable(text, { ...common, features: featureMap, extraUnits, samples: sampleKeys })
          : manifest.format.layout === "wide"
          ? {
              ...parseWideTable(text, { ...common, features: featureMap, extraUnits, samples: sampleKeys }),
              labels: new Map<string, string>(),
            }
          : flowJoPart(
              parseFlowJoTable(text, {
                ...common,
                samples,
                knownSamples: sampleKeys,
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
    (text, file, rows) => readClinical(text, { file, delimiter, decimal, comment, subjects: subjectIds, windows }, rows),
    []
  );
  const singleCell = readPart(
    files.singlecell,
    (text, file, rows) =>
      readSingleCell(text, { file, delimiter, comment, subjects: subjectIds, windows, samples: sampleKeys }, rows),
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
  const checked = safeSamplePattern(source);
  if (typeof checked === "string") throw new ManifestError(manifestFile, `format.samplePattern: ${checked}`);
  return checked;
}

/**
 * Why a manifest path may not be read, or null: it must be relative, without `..`, and (following
 * symlinks) stay inside the study folder, so a manifest never makes the reader open files elsewhere.
 */
function pathProblem(dir: string, name: string): string | null {
  if (isAbsolute(name) || /^[A-Za-z]:/.test(name)) return "an absolute path; paths are relative to the study folder";
  if (name.split(/[\\/]/).includes("..")) return "leaves the study folder ('..'); paths stay inside it";
  const file = join(dir, name);
  if (!existsSync(file)) return null;
  const rel = relative(realpathSync(dir), realpathSync(file));
  if (rel.startsWith(`..${sep}`) || rel === ".." || isAbsolute(rel)) return "a symlink out of the study folder";
  return null;
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
