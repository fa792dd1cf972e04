import { describe, expect, it } from "vitest";
import { finiteDifferenceWeights } from "../src/optimize/finiteDifferenceWeights.js";

function weights(offsets: number[]): { first: number[]; second: number[] } {
  const n = offsets.length;
  const w0 = new Float64Array(n);
  const first = new Float64Array(n);
  const second = new Float64Array(n);
  finiteDifferenceWeights(offsets, n, w0, first, second);
  return { first: Array.from(first), second: Array.from(second) };
}
const close = (got: number[], want: number[]): void => got.forEach((g, i) => expect(Math.abs(g - want[i])).toBeLessThan(1e-14));

describe("finiteDifferenceWeights (Fornberg 1988) reproduces the classical formulas", () => {
  it("5-point central: f' = (8(f1 - f-1) - (f2 - f-2))/12, f'' = (-30 f0 + 16(f1 + f-1) - (f2 + f-2))/12", () => {
    const { first, second } = weights([0, 1, -1, 2, -2]);
    close(first, [0, 8 / 12, -8 / 12, -1 / 12, 1 / 12]);
    close(second, [-30 / 12, 16 / 12, 16 / 12, -1 / 12, -1 / 12]);
  });
  it("5-point one-sided: f' = (-25 f0 + 48 f1 - 36 f2 + 16 f3 - 3 f4)/12", () => {
    const { first, second } = weights([0, 1, 2, 3, 4]);
    close(first, [-25 / 12, 4, -3, 4 / 3, -1 / 4]);
    close(second, [35 / 12, -26 / 3, 19 / 2, -14 / 3, 11 / 12]);
  });
  it("3-point central: f' = (f1 - f-1)/2, f'' = f1 - 2 f0 + f-1", () => {
    const { first, second } = weights([0, 1, -1]);
    close(first, [0, 0.5, -0.5]);
    close(second, [-2, 1, 1]);
  });
});
