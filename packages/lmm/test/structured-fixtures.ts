import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import type { DataColumns } from "../src/index.js";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "fixtures");

/** A CSV written by scripts/r-reference/lmm-structured.R: quoted cells are strings, others numbers. */
export function readStructuredCsv(name: "cohort" | "bodyweight"): DataColumns {
  const text = readFileSync(join(fixtures, `structured-${name}.csv`), "utf8");
  const records: string[][] = parse(text, { relax_quotes: true, cast: false, quote: false });
  const header = records[0].map((h) => h.replace(/^"|"$/g, ""));
  const columns: Record<string, (number | string | null)[]> = {};
  header.forEach((h) => (columns[h] = []));
  for (const record of records.slice(1)) {
    record.forEach((cell, j) => columns[header[j]].push(cell === "" ? null : cell.startsWith('"') ? cell.slice(1, -1) : Number(cell)));
  }
  return columns;
}

export interface StructuredFixture {
  name: string;
  data: "cohort" | "bodyweight";
  formula: string;
  correlation: string | null;
  weights: string | null;
  reml: boolean;
  logLik: number;
  aic: number;
  bic: number;
  terms: string[];
  estimate: number[];
  stdError: number[];
  dfBetweenWithin: number[];
  pValueBetweenWithin: number[];
  sigma: number;
  randomInterceptSd: number;
  correlationParameters?: Record<string, number>;
  varianceParameters?: Record<string, number>;
  oracleMinus2LogLik: number;
  oracleStdError: number[];
  dfSatterthwaite: number[];
  cr2: { stdError: number[]; df: number[]; pValue: number[]; vcov: number[][] };
}

export interface LmerCr2Fixture {
  name: string;
  formula: string;
  estimate: number[];
  theta: number | number[];
  stdError: number[];
  df: number[];
  pValue: number[];
}

export const structuredR = JSON.parse(readFileSync(join(fixtures, "structured-r.json"), "utf8")) as {
  versions: Record<string, string>;
  models: StructuredFixture[];
  compSymm: { logLik: number; estimate: number[]; stdError: number[] };
  lmer: LmerCr2Fixture[];
};

/** psi = (theta, unconstrained correlation, log SD ratios) of R's optimum, for inference at R's estimates. */
export function referencePsi(m: StructuredFixture, strata: readonly string[] | null, toUnconstrained: (v: number) => number): number[] {
  const psi = [m.randomInterceptSd / m.sigma];
  if (m.correlationParameters) psi.push(toUnconstrained(Object.values(m.correlationParameters)[0]));
  if (m.varianceParameters && strata) for (const s of strata.slice(1)) psi.push(Math.log(m.varianceParameters[s]));
  return psi;
}

export function structureOptions(m: StructuredFixture): { correlation?: string; weights?: string; reml: boolean } {
  return { ...(m.correlation ? { correlation: m.correlation } : {}), ...(m.weights ? { weights: m.weights } : {}), reml: m.reml };
}
