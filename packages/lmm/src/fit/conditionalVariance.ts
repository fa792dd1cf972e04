import { invertLower } from "./blockedCholesky.js";
import type { PenalizedLeastSquares } from "./pls.js";

/**
 * Conditional covariances of the random effects given y (at the estimated beta, as lme4's
 * ranef(condVar = TRUE)): Var(b | y) = sigma^2 Lambda (L_theta L_theta')^{-1} Lambda', diagonal blocks
 * only. With L_theta = [[L11, 0], [L21r, L22r]] (blocked factor of pls.ts),
 *   (L L')^{-1}_{term 1, level j} = M_j' M_j + W_j' W_j,  M_j = L11_j^{-1},  W_j = L22r^{-1} L21r_j M_j,
 *   (L L')^{-1}_{other terms}     = E' E restricted to the block,  E = L22r^{-1}.
 * Returns, per term and level, the p_i x p_i matrix as nested arrays. `pls` must be factored at theta.
 */
export function conditionalVariances(pls: PenalizedLeastSquares, sigma: number): number[][][][] {
  const { p1, l1, m, q2, q1 } = pls;
  const s2 = sigma * sigma;
  const e = new Float64Array(q2 * q2);
  if (q2 > 0) invertLower(pls.l22, 0, m, q2, e);
  const sandwich = (tf: Float64Array, pt: number, c: Float64Array): number[][] => {
    // sigma^2 T C T'
    const tc = new Float64Array(pt * pt);
    for (let a = 0; a < pt; a++)
      for (let b = 0; b < pt; b++) {
        let s = 0;
        for (let k = 0; k <= a; k++) s += tf[a + pt * k] * c[k + pt * b];
        tc[a + pt * b] = s;
      }
    return Array.from({ length: pt }, (_, a) =>
      Array.from({ length: pt }, (_, b) => {
        let s = 0;
        for (let k = 0; k <= b; k++) s += tc[a + pt * k] * tf[b + pt * k];
        return s2 * s;
      }),
    );
  };
  const out: number[][][][] = [];
  const inv = new Float64Array(p1 * p1);
  const w = new Float64Array(Math.max(1, q2 * p1));
  const c = new Float64Array(p1 * p1);
  const first: number[][][] = [];
  for (let j = 0; j < l1; j++) {
    invertLower(pls.l11, j * p1 * p1, p1, p1, inv);
    for (let a = 0; a < p1; a++)
      for (let b = 0; b < p1; b++) {
        let s = 0;
        for (let k = Math.max(a, b); k < p1; k++) s += inv[k + p1 * a] * inv[k + p1 * b];
        c[a + p1 * b] = s;
      }
    if (q2 > 0) {
      // W_j = E (L21r_j M_j)
      const off = m * j * p1;
      const lm = new Float64Array(q2 * p1);
      for (let b = 0; b < p1; b++)
        for (let r = 0; r < q2; r++) {
          let s = 0;
          for (let k = b; k < p1; k++) s += pls.l21[off + r + m * k] * inv[k + p1 * b];
          lm[r + q2 * b] = s;
        }
      for (let b = 0; b < p1; b++)
        for (let r = 0; r < q2; r++) {
          let s = 0;
          for (let k = 0; k <= r; k++) s += e[r + q2 * k] * lm[k + q2 * b];
          w[r + q2 * b] = s;
        }
      for (let a = 0; a < p1; a++)
        for (let b = 0; b < p1; b++) {
          let s = 0;
          for (let r = 0; r < q2; r++) s += w[r + q2 * a] * w[r + q2 * b];
          c[a + p1 * b] += s;
        }
    }
    first.push(sandwich(pls.tFactors[0], p1, c));
  }
  out.push(first);
  pls.terms.slice(1).forEach((t, index) => {
    const pt = t.columnNames.length;
    const tf = pls.tFactors[index + 1];
    const blocks: number[][][] = [];
    const cb = new Float64Array(pt * pt);
    for (let level = 0; level < t.levels.length; level++) {
      const r0 = t.zOffset - q1 + level * pt;
      for (let a = 0; a < pt; a++)
        for (let b = 0; b < pt; b++) {
          let s = 0;
          for (let r = r0 + Math.max(a, b); r < q2; r++) s += e[r + q2 * (r0 + a)] * e[r + q2 * (r0 + b)];
          cb[a + pt * b] = s;
        }
      blocks.push(sandwich(tf, pt, cb));
    }
    out.push(blocks);
  });
  return out;
}
