import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import type { DataColumns } from "../src/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** Reads datasets/reference/<name>.csv written by scripts/r-reference/lmm.R: numbers where R wrote
 *  numbers (unquoted), strings where it quoted, null for empty cells. */
export function readReference(name: string): DataColumns {
  const text = readFileSync(join(root, "datasets", "reference", `${name}.csv`), "utf8");
  const records: string[][] = parse(text, { relax_quotes: true, cast: false, quote: false });
  const header = records[0].map((h) => h.replace(/^"|"$/g, ""));
  const columns: Record<string, (number | string | null)[]> = {};
  header.forEach((h) => (columns[h] = []));
  for (const record of records.slice(1)) {
    record.forEach((cell, j) => {
      const value = cell === "" ? null : cell.startsWith('"') ? cell.slice(1, -1) : Number(cell);
      columns[header[j]].push(value);
    });
  }
  return columns;
}

export interface FixtureModel {
  id: string;
  data: string;
  formula: string;
  reml: boolean;
  levels?: Record<string, string[]>;
  nObs: number;
  nGroups: Record<string, number>;
  criterion: number;
  lme4DefaultCriterion: number;
  theta: number[];
  fixedNames: string[];
  beta: number[];
  stdError: number[];
  vcov: number[][];
  sigma: number;
  varianceComponents: { grp: string; var1: string | null; var2: string | null; vcov: number; sdcor: number }[];
  logLik: number;
  aic: number;
  bic: number;
  deviance: number | null;
  remlCriterion: number | null;
  singular: boolean;
  ranef: { group: string; levels: string[]; terms: string[]; modes: number[][]; condVar: number[][][] | null }[];
  fitted: number[];
  residuals: number[];
}

export const fixtures: { models: FixtureModel[] } = JSON.parse(
  readFileSync(join(root, "packages", "lmm", "test", "fixtures", "lmm-r.json"), "utf8"),
);
