/**
 * Gradient and Hessian by central differences with step delta, shortened to the distance to a lower bound,
 * as lme4's deriv12 (which glmer's checkConv computes at the optimum and vcov() inverts):
 *   H_jj = f(x + d_j e_j) / d_j^2 - 2 f(x) / (d_j l_j) + f(x - l_j e_j) / l_j^2   (d_j = delta, l_j = min(delta, x_j - lower_j)),
 *   H_ij = [f(++) / (d_i + d_j)^2 - f(+-) / (d_i + l_j)^2 - f(-+) / (l_i + d_j)^2 + f(--) / (l_i + l_j)^2].
 */
export function finiteDifferenceDerivatives(
  f: (x: Float64Array) => number,
  x: Float64Array,
  lower: Float64Array,
  delta = 1e-4,
): { gradient: Float64Array; hessian: Float64Array; value: number } {
  const k = x.length;
  const fx = f(x);
  const up = new Float64Array(k).fill(delta);
  const down = Float64Array.from(x, (xi, j) => Math.min(delta, xi - lower[j]));
  const at = (changes: [number, number][]): number => {
    const z = Float64Array.from(x);
    for (const [j, step] of changes) z[j] += step;
    return f(z);
  };
  const gradient = new Float64Array(k);
  const hessian = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    const fAdd = at([[j, up[j]]]);
    const fSub = at([[j, -down[j]]]);
    hessian[j + k * j] = fAdd / up[j] ** 2 - (2 * fx) / (up[j] * down[j]) + fSub / down[j] ** 2;
    gradient[j] = (fAdd - fSub) / (up[j] + down[j]);
    for (let i = 0; i < j; i++) {
      const faa = at([[i, up[i]], [j, up[j]]]);
      const fas = at([[i, up[i]], [j, -down[j]]]);
      const fsa = at([[i, -down[i]], [j, up[j]]]);
      const fss = at([[i, -down[i]], [j, -down[j]]]);
      const v = faa / (up[i] + up[j]) ** 2 - fas / (up[i] + down[j]) ** 2 - fsa / (down[i] + up[j]) ** 2 + fss / (down[i] + down[j]) ** 2;
      hessian[i + k * j] = v;
      hessian[j + k * i] = v;
    }
  }
  return { gradient, hessian, value: fx };
}
