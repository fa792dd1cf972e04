/**
 * Test support: builds the fitted-model view that inference reads directly from a fixture CSV and lme4's
 * estimates (theta, sigma, beta) recorded by scripts/r-reference/lmm-inference.R, so the inference
 * formulas are checked on exactly R's fit, independently of the fitter.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { RandomTermStructure } from "../src/fit/model.js";
import type { InferenceModel } from "../src/inference/marginalModel.js";
import { profiledRefit } from "../src/inference/profiledRefit.js";

export const fixtureDir = join(import.meta.dirname, "fixtures");
export const reference = JSON.parse(readFileSync(join(fixtureDir, "inference-r.json"), "utf8"));

export type Row = Record<string, string>;

/** Rows of a CSV written by R's write.csv (quoted strings, no embedded commas). */
function readRows(path: string): Row[] {
  const lines = readFileSync(path, "utf8").trim().split("\n");
  const unquote = (s: string) => s.replace(/^"|"$/g, "");
  const header = lines[0].split(",").map(unquote);
  return lines.slice(1).map((line) => {
    const cells = line.split(",").map(unquote);
    return Object.fromEntries(header.map((h, k) => [h, cells[k]]));
  });
}

/** A data set written by lmm-inference.R into the fixtures folder. */
export const readCsv = (name: string): Row[] => readRows(join(fixtureDir, name));

/** A classic data set exported by lmm.R to datasets/reference (sleepstudy, Orthodont, Dyestuff2, Penicillin). */
export const readReferenceCsv = (name: string): Row[] =>
  readRows(join(fixtureDir, "..", "..", "..", "..", "datasets", "reference", `${name}.csv`));

/** A fixed-effect column: its R name and its value on a row. */
export type FixedColumn = [name: string, value: (row: Row) => number];
export const intercept: FixedColumn = ["(Intercept)", () => 1];
export const numeric = (column: string): FixedColumn => [column, (r) => Number(r[column])];
export const indicator = (column: string, level: string, prefix = column): FixedColumn => [`${prefix}${level}`, (r) => (r[column] === level ? 1 : 0)];

/** One random-effect term: grouping column and covariate columns (an empty name means the intercept). */
export interface RandomSpec {
  group: string;
  covariates: string[];
}

export function buildModel(
  rows: Row[],
  response: string,
  fixed: FixedColumn[],
  random: RandomSpec[],
  fit: { theta: number[] | number; sigma: number; beta: number[] | number; reml: boolean },
): InferenceModel {
  const n = rows.length;
  const p = fixed.length;
  const x = new Float64Array(n * p);
  fixed.forEach(([, f], j) => rows.forEach((r, i) => (x[i + n * j] = f(r))));
  const y = Float64Array.from(rows, (r) => Number(r[response]));
  let zOffset = 0;
  let thetaOffset = 0;
  const terms: RandomTermStructure[] = random.map((spec) => {
    const levels = [...new Set(rows.map((r) => r[spec.group]))].sort();
    const pi = spec.covariates.length;
    const covariates = new Float64Array(n * pi);
    spec.covariates.forEach((c, k) => rows.forEach((r, i) => (covariates[i + n * k] = c === "" ? 1 : Number(r[c]))));
    const term: RandomTermStructure = {
      group: spec.group,
      columnNames: spec.covariates.map((c) => (c === "" ? "(Intercept)" : c)),
      levels,
      levelOfObservation: Int32Array.from(rows, (r) => levels.indexOf(r[spec.group])),
      covariates,
      zOffset,
      thetaOffset,
      nTheta: (pi * (pi + 1)) / 2,
    };
    zOffset += pi * levels.length;
    thetaOffset += term.nTheta;
    return term;
  });
  const asArray = (v: number[] | number) => (Array.isArray(v) ? v : [v]);
  return {
    reml: fit.reml,
    n,
    p,
    q: zOffset,
    x,
    y,
    fixedNames: fixed.map(([name]) => name),
    terms,
    theta: Float64Array.from(asArray(fit.theta)),
    beta: Float64Array.from(asArray(fit.beta)),
    sigma: fit.sigma,
  };
}

const sleep = () => readReferenceCsv("sleepstudy");
const orthodont = () => readReferenceCsv("Orthodont");
const sim = () => readCsv("inference-sim.csv");
const visitColumns = (): FixedColumn[] => ["V2", "V3", "V4", "V5", "V6", "V7", "V8"].map((v) => indicator("visit", v));

/** The fixture models, rebuilt with R's estimates. */
export const fixtureModels: Record<string, () => InferenceModel> = {
  sleepstudyReml: () => buildModel(sleep(), "Reaction", [intercept, numeric("Days")], [{ group: "Subject", covariates: ["", "Days"] }], reference.models.sleepstudyReml.fit),
  sleepstudyMl: () => buildModel(sleep(), "Reaction", [intercept, numeric("Days")], [{ group: "Subject", covariates: ["", "Days"] }], reference.models.sleepstudyMl.fit),
  sleepstudyIntercept: () => buildModel(sleep(), "Reaction", [intercept, numeric("Days")], [{ group: "Subject", covariates: [""] }], reference.models.sleepstudyIntercept.fit),
  orthodont: () => buildModel(orthodont(), "distance", [intercept, numeric("age")], [{ group: "Subject", covariates: ["", "age"] }], reference.models.orthodont.fit),
  orthodontSex: () =>
    buildModel(
      orthodont(),
      "distance",
      [intercept, numeric("age"), indicator("Sex", "Female"), ["age:SexFemale", (r) => Number(r.age) * (r.Sex === "Female" ? 1 : 0)]],
      [{ group: "Subject", covariates: ["", "age"] }],
      reference.models.orthodontSex.fit,
    ),
  penicillin: () =>
    buildModel(readReferenceCsv("Penicillin"), "diameter", [intercept], [{ group: "plate", covariates: [""] }, { group: "sample", covariates: [""] }], reference.models.penicillin.fit),
  dyestuff2: () => buildModel(readReferenceCsv("Dyestuff2"), "Yield", [intercept], [{ group: "Batch", covariates: [""] }], reference.models.dyestuff2.fit),
  simSlope: () => buildModel(sim(), "value", [intercept, numeric("day")], [{ group: "subject", covariates: ["", "day"] }], reference.models.simSlope.fit),
  simVisit: () => buildModel(sim(), "value", [intercept, ...visitColumns()], [{ group: "subject", covariates: [""] }], reference.models.simVisit.fit),
  simSingular: () => buildModel(sim(), "flat", [intercept, ...visitColumns()], [{ group: "subject", covariates: [""] }], reference.models.simSingular.fit),
  simSingularSlope: () => buildModel(sim(), "flat", [intercept, numeric("day")], [{ group: "subject", covariates: ["", "day"] }], reference.models.simSingularSlope.fit),
};

/** |a - b| <= tol * max(|b|, floor): relative tolerance with an absolute floor near zero. */
export function relativeError(a: number, b: number, floor = 1e-300): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), floor);
}

/** Refit of the same design to a new response: the bootstrap's own pure refit. */
export const refitFor = profiledRefit;
