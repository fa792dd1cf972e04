import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  cholesky,
  crossProduct,
  crossProductVector,
  invertLower,
  logDeterminantFromCholesky,
  qrCoefficients,
  qrColumnPivoting,
  qrQty,
  solveLower,
  solveLowerTransposed,
  solveUpper,
  solveUpperTransposed,
  symmetricEigen,
} from "../src/index.js";

type Num = number | null;
interface QrCase {
  name: string;
  nrow: number;
  ncol: number;
  x: number[];
  y: number[];
  rank: number;
  pivot: number[];
  qr: number[];
  qraux: number[];
  qty: number[];
  coef: Num[];
}
const fixture = JSON.parse(readFileSync(new URL("./fixtures/linalg-r.json", import.meta.url), "utf8")) as {
  qr: QrCase[];
  cholesky: {
    n: number;
    a: number[];
    b: number[];
    factor: number[];
    solveLower: number[];
    solveLowerTransposed: number[];
    solveUpper: number[];
    inverseLower: number[];
    logDeterminant: number;
  };
};

/** max |got - want| / max(1, |want|) over all entries (null in R = NA = NaN here). */
function maxError(got: ArrayLike<number>, want: Num[]): number {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const w = want[i];
    if (w === null) {
      expect(got[i]).toBeNaN();
      continue;
    }
    worst = Math.max(worst, Math.abs(got[i] - w) / Math.max(1, Math.abs(w)));
  }
  return worst;
}

describe("qrColumnPivoting reproduces R's qr() (LINPACK dqrdc2, tol 1e-7)", () => {
  for (const c of fixture.qr) {
    it(`${c.name}: rank, pivot, compact QR, qraux, qr.qty and qr.coef to 1e-12`, () => {
      const d = qrColumnPivoting(Float64Array.from(c.x), c.nrow, c.ncol);
      expect(d.rank).toBe(c.rank);
      expect(Array.from(d.pivot, (j) => j + 1)).toEqual(c.pivot);
      // Columns past the rank hold the reflection of rounding noise (the dropped columns were reduced to
      // ~1e-16); only their R part (rows < rank) is meaningful. Everything else is compared entry by entry.
      const meaningful = (i: number): boolean => i % c.nrow < c.rank || Math.floor(i / c.nrow) < c.rank;
      const keep = <T,>(v: ArrayLike<T>): T[] => Array.from(v).filter((_, i) => meaningful(i));
      expect(maxError(keep(d.qr), keep(c.qr))).toBeLessThan(1e-12);
      expect(maxError(d.qraux.subarray(0, c.rank), c.qraux.slice(0, c.rank))).toBeLessThan(1e-12);
      expect(maxError(qrQty(d, c.y), c.qty)).toBeLessThan(1e-12);
      expect(maxError(qrCoefficients(d, c.y), c.coef)).toBeLessThan(1e-10);
    });
  }
  it("does not modify its input", () => {
    const x = Float64Array.from(fixture.qr[0].x);
    qrColumnPivoting(x, fixture.qr[0].nrow, fixture.qr[0].ncol);
    expect(Array.from(x)).toEqual(fixture.qr[0].x);
  });
});

describe("cholesky and triangular kernels match R's chol, forwardsolve, backsolve, solve, determinant", () => {
  const c = fixture.cholesky;
  const a = Float64Array.from(c.a);
  const { factor, rank, positiveDefinite } = cholesky(a, c.n);
  it("factor to 1e-13, full rank", () => {
    expect(rank).toBe(4);
    expect(positiveDefinite).toBe(true);
    expect(maxError(factor, c.factor)).toBeLessThan(1e-13);
  });
  it("solveLower, solveLowerTransposed, solveUpper(L'), invertLower, logDeterminantFromCholesky", () => {
    const b = Float64Array.from(c.b);
    expect(maxError(solveLower(factor, c.n, b), c.solveLower)).toBeLessThan(1e-13);
    expect(maxError(solveLowerTransposed(factor, c.n, b), c.solveLowerTransposed)).toBeLessThan(1e-13);
    const upper = new Float64Array(16);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) upper[j + i * 4] = factor[i + j * 4];
    expect(maxError(solveUpper(upper, c.n, b), c.solveUpper)).toBeLessThan(1e-13);
    expect(maxError(solveUpperTransposed(upper, c.n, b), c.solveLower)).toBeLessThan(1e-13);
    expect(maxError(invertLower(factor, c.n), c.inverseLower)).toBeLessThan(1e-13);
    expect(Math.abs(logDeterminantFromCholesky(factor, c.n) - c.logDeterminant)).toBeLessThan(1e-12);
  });
});

describe("cholesky rank detection", () => {
  it("a rank-2 positive semi-definite 3 x 3 matrix: rank 2, dependent column zeroed, L L' = A", () => {
    // A = V V' with V = [1 0; 1 1; 2 1]: column 3 of A = column 1 + column 2.
    const a = Float64Array.from([1, 1, 2, 1, 2, 3, 2, 3, 5]);
    const { factor, rank, positiveDefinite } = cholesky(a, 3);
    expect(rank).toBe(2);
    expect(positiveDefinite).toBe(false);
    expect(factor[2 + 2 * 3]).toBe(0);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += factor[i + k * 3] * factor[j + k * 3];
        expect(Math.abs(s - a[i + j * 3])).toBeLessThan(1e-14);
      }
    }
  });
  it("an indefinite matrix is not positive definite and yields no NaN", () => {
    const { factor, rank, positiveDefinite } = cholesky(Float64Array.from([1, 2, 2, 1]), 2);
    expect(positiveDefinite).toBe(false);
    expect(rank).toBe(1);
    expect(factor.every(Number.isFinite)).toBe(true);
  });
  it("the zero matrix has rank 0", () => {
    expect(cholesky(new Float64Array(4), 2).rank).toBe(0);
  });
});

describe("crossProduct", () => {
  it("X'X and X'y equal the brute-force sums", () => {
    const x = Float64Array.from([1, 2, 3, 4, 5, 6]); // 3 x 2
    expect(Array.from(crossProduct(x, 3, 2))).toEqual([14, 32, 32, 77]);
    expect(Array.from(crossProductVector(x, 3, 2, [1, 0, -1]))).toEqual([-2, -2]);
  });
});

describe("symmetricEigen (cyclic Jacobi)", () => {
  it("the n x n second-difference matrix has eigenvalues 2 - 2 cos(k pi / (n + 1)), A V = V diag(values), V'V = I", () => {
    const n = 7;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i + i * n] = 2;
      if (i > 0) a[i + (i - 1) * n] = a[i - 1 + i * n] = -1;
    }
    const { values, vectors } = symmetricEigen(a, n);
    const want = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1)));
    const sorted = Array.from(values).sort((x, y) => x - y);
    sorted.forEach((v, k) => expect(Math.abs(v - want[k])).toBeLessThan(1e-14));
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        let av = 0;
        let vv = 0;
        for (let k = 0; k < n; k++) {
          av += a[i + k * n] * vectors[k + j * n];
          vv += vectors[k + i * n] * vectors[k + j * n];
        }
        expect(Math.abs(av - values[j] * vectors[i + j * n])).toBeLessThan(1e-14);
        expect(Math.abs(vv - (i === j ? 1 : 0))).toBeLessThan(1e-14);
      }
    }
  });
  it("an indefinite 2 x 2 matrix [[1, 2], [2, 1]] has eigenvalues 3 and -1", () => {
    const { values } = symmetricEigen(Float64Array.from([1, 2, 2, 1]), 2);
    const sorted = Array.from(values).sort((x, y) => x - y);
    expect(Math.abs(sorted[0] + 1)).toBeLessThan(1e-15);
    expect(Math.abs(sorted[1] - 3)).toBeLessThan(1e-15);
  });
});
