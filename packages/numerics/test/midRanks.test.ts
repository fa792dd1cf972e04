import { describe, expect, it } from "vitest";
import { createRandomStream, midRanks } from "../src/index.js";

/** Brute force: rank = #{smaller} + (#{equal} + 1) / 2 among the non-NaN values. */
function bruteForceRanks(values: number[]): number[] {
  return values.map((v) => {
    if (Number.isNaN(v)) return NaN;
    const smaller = values.filter((w) => w < v).length;
    const equal = values.filter((w) => w === v).length;
    return smaller + (equal + 1) / 2;
  });
}

describe("midRanks", () => {
  it("matches R's rank(ties.method = 'average') on a hand-checked example", () => {
    // R: rank(c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5)) = 4.5 1.5 6 1.5 8 11 3 10 8 4.5 8
    const { ranks, tieGroupSizes } = midRanks([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]);
    expect(Array.from(ranks)).toEqual([4.5, 1.5, 6, 1.5, 8, 11, 3, 10, 8, 4.5, 8]);
    expect(tieGroupSizes).toEqual([2, 2, 3]);
  });
  it("equals brute-force counting on random tied data", () => {
    const stream = createRandomStream(11);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + stream.nextInt(15);
      const values = Array.from({ length: n }, () => stream.nextInt(5) - 2);
      expect(Array.from(midRanks(values).ranks)).toEqual(bruteForceRanks(values));
    }
  });
  it("leaves NaN out (rank NaN) and handles empty input, -0 == 0 and infinities", () => {
    const { ranks, tieGroupSizes } = midRanks([NaN, 2, -Infinity, 0, -0, Infinity]);
    expect(Array.from(ranks)).toEqual([NaN, 4, 1, 2.5, 2.5, 5]);
    expect(tieGroupSizes).toEqual([2]);
    expect(midRanks([]).ranks.length).toBe(0);
  });
});
