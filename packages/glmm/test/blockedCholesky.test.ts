import { cholesky, createRandomStream, solveLower, solveLowerTransposed } from "@biomarker/numerics";
import { describe, expect, it } from "vitest";
import { BlockedCholesky } from "../src/fit/blockedCholesky.js";

/** H = I + A' A with A's rows touching one b-block of the first q1 columns and all of the rest. */
function structured(q1: number, b: number, r: number, seed: number): Float64Array {
  const rng = createRandomStream(seed);
  const dim = q1 + r;
  const h = new Float64Array(dim * dim);
  for (let k = 0; k < dim; k++) h[k + dim * k] = 1;
  for (let row = 0; row < 3 * q1; row++) {
    const block = rng.nextInt(q1 / b) * b;
    const cols = [...Array(b).keys()].map((i) => block + i).concat([...Array(r).keys()].map((i) => q1 + i));
    const vals = cols.map(() => rng.nextNormal());
    for (let i = 0; i < cols.length; i++) for (let j = 0; j < cols.length; j++) h[cols[i] + dim * cols[j]] += vals[i] * vals[j];
  }
  return h;
}

describe("BlockedCholesky", () => {
  for (const [q1, b, r] of [[12, 1, 4], [12, 2, 3], [9, 3, 0], [8, 1, 6]]) {
    it(`equals the dense Cholesky (log-determinant, solve, diagonal) for q1 = ${q1}, blocks ${b}, ${r} dense columns, to 1e-10`, () => {
      const dim = q1 + r;
      const h = structured(q1, b, r, q1 * 31 + b * 7 + r);
      const dense = cholesky(h, dim, 0);
      const blocked = new BlockedCholesky(h, dim, q1, b);
      expect(blocked.positiveDefinite).toBe(true);
      let logDet = 0;
      for (let k = 0; k < dim; k++) logDet += 2 * Math.log(dense.factor[k + dim * k]);
      expect(Math.abs(blocked.logDeterminant - logDet)).toBeLessThan(1e-10);
      const g = Float64Array.from({ length: dim }, (_, k) => Math.sin(k + 1));
      const expected = solveLowerTransposed(dense.factor, dim, solveLower(dense.factor, dim, g));
      blocked.solve(g).forEach((v, k) => expect(Math.abs(v - expected[k])).toBeLessThan(1e-10));
      blocked.diagonal().forEach((v, k) => expect(Math.abs(v - dense.factor[k + dim * k])).toBeLessThan(1e-10));
    });
  }
});
