import { NumericsArgumentError } from "../errors.js";
import { symmetricEigen } from "../linalg/symmetricEigen.js";

/** A quadrature rule: integral of f(z) w(z) dz ~ sum_i weights[i] f(nodes[i]), nodes ascending. */
export interface QuadratureRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

const MAX_NODES = 100;

/**
 * Orthonormal Hermite polynomials at x, for the weight exp(-x^2):
 *   p_0 = pi^(-1/4),  p_1 = sqrt(2) x p_0,  p_{k+1} = sqrt(2 / (k + 1)) x p_k - sqrt(k / (k + 1)) p_{k-1}.
 * Returns [p_{n-1}(x), p_n(x), sum_{k<n} p_k(x)^2].
 */
function orthonormalHermite(n: number, x: number): [number, number, number] {
  let previous = 0;
  let current = Math.PI ** -0.25;
  let sumSquares = 0;
  for (let k = 0; k < n; k++) {
    sumSquares += current * current;
    const next = Math.sqrt(2 / (k + 1)) * x * current - Math.sqrt(k / (k + 1)) * previous;
    previous = current;
    current = next;
  }
  return [previous, current, sumSquares];
}

/**
 * n-point Gauss-Hermite rule for the weight exp(-x^2) (Golub & Welsch 1969): the nodes are the
 * eigenvalues of the Jacobi matrix with off-diagonal sqrt(k / 2), k = 1..n-1, each polished by Newton
 * steps on the orthonormal p_n (p_n' = sqrt(2n) p_{n-1}); the weights are the Christoffel numbers
 * w_i = 1 / sum_{k<n} p_k(x_i)^2, which keeps full relative accuracy in the tails.
 */
export function gaussHermite(n: number): QuadratureRule {
  if (!Number.isInteger(n) || n < 1 || n > MAX_NODES) {
    throw new NumericsArgumentError(`gaussHermite: n must be a whole number from 1 to ${MAX_NODES}, got ${n}`);
  }
  const jacobi = new Float64Array(n * n);
  for (let k = 1; k < n; k++) {
    const offDiagonal = Math.sqrt(k / 2);
    jacobi[k - 1 + k * n] = offDiagonal;
    jacobi[k + (k - 1) * n] = offDiagonal;
  }
  const guesses = Array.from(symmetricEigen(jacobi, n).values).sort((a, b) => a - b);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = guesses[i];
    for (let step = 0; step < 10; step++) {
      const [pPrevious, p] = orthonormalHermite(n, x);
      const dx = p / (Math.sqrt(2 * n) * pPrevious);
      x -= dx;
      if (Math.abs(dx) <= 1e-16 * Math.max(1, Math.abs(x))) break;
    }
    nodes[i] = x;
    weights[i] = 1 / orthonormalHermite(n, x)[2];
  }
  // Exact symmetry: the rule for an even weight is symmetric about 0.
  for (let i = 0; i < n >> 1; i++) {
    const j = n - 1 - i;
    const node = (nodes[j] - nodes[i]) / 2;
    const weight = (weights[i] + weights[j]) / 2;
    nodes[i] = -node;
    nodes[j] = node;
    weights[i] = weight;
    weights[j] = weight;
  }
  if (n % 2 === 1) nodes[n >> 1] = 0;
  return { nodes, weights };
}

/**
 * n-point Gauss-Hermite rule for the standard normal density: integral of f(z) phi(z) dz ~
 * sum_i w_i f(z_i), with z_i = sqrt(2) x_i and w_i = omega_i / sqrt(pi) from the exp(-x^2) rule
 * (the form of lme4's GHrule). The weights sum to 1.
 */
export function gaussHermiteNormal(n: number): QuadratureRule {
  const rule = gaussHermite(n);
  const nodes = rule.nodes.map((x) => Math.SQRT2 * x);
  const weights = rule.weights.map((w) => w / Math.sqrt(Math.PI));
  return { nodes, weights };
}
