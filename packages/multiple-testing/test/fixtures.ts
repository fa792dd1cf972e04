import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The fixture written by scripts/r-reference/multiple-testing.R. */
export interface RFixture {
  padjust: { name: string; p: (number | null)[]; n: number; adjusted: Record<string, (number | null)[]> }[];
  smoothSpline: {
    name: string; x: number[]; y: number[]; df: number; spar: number; lambda: number; ratio: number;
    fittedDf: number; iterations: number; fitted: number[];
  }[];
  qvalue: {
    name: string; p: (number | null)[]; pi0: number; pi0Lambda: number[]; pi0Smooth: number[];
    qvalues: (number | null)[]; significantAt005: number; bootstrapPi0: number;
    bootstrapQvalues: (number | null)[]; pfdrQvalues: (number | null)[];
    lfdr: (number | null)[]; lfdrLogit: (number | null)[];
  }[];
  lfdrPieces: {
    z: number[]; bandwidth: number; densityX: number[]; densityY: number[];
    gcvSpar: number; gcvDf: number; gcvLambda: number; gcvIterations: number; gcvAtZ: number[];
  };
  qvalueOptions: {
    name: string;
    options: { lambda?: number | number[]; "smooth.log.pi0"?: boolean; "smooth.df"?: number; "pi0.method"?: "smoother" | "bootstrap" };
    pi0: number;
    qvalues: number[];
  }[];
  fisherToy: { pValue: number; support: number[] }[];
}

const here = dirname(fileURLToPath(import.meta.url));
export const rFixture: RFixture = JSON.parse(readFileSync(join(here, "fixtures", "multiple-testing-r.json"), "utf8"));

/** max_i |a_i - b_i| / max(|b_i|, tiny); null must match null. */
export function maxRelativeError(actual: ArrayLike<number | null>, expected: ArrayLike<number | null>): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (a === null || e === null) {
      if (a !== e) return Infinity;
      continue;
    }
    worst = Math.max(worst, Math.abs(a - e) / Math.max(Math.abs(e), 1e-300));
  }
  return worst;
}
