import { gaussHermiteNormal } from "@biomarker/numerics";

/** A product Gauss-Hermite rule (memoised: the same few rules serve every fit) for N(0, I_q): node k is z_k (q values), logWeight_k = log w_k + |z_k|^2 / 2. */
export interface ProductRule {
  readonly q: number;
  readonly size: number;
  /** size x q, node-major. */
  readonly nodes: Float64Array;
  /** log w_k + |z_k|^2 / 2: the weight of exp(h(u_k)) once the standard normal density is divided out. */
  readonly logWeights: Float64Array;
}

const cache = new Map<string, ProductRule>();

/**
 * The tensor product of the n-point rule for the standard normal density in q dimensions (n^q nodes).
 * n = 1 is the single node z = 0 with weight 1: adaptive quadrature with it is the Laplace approximation.
 */
export function productRule(q: number, n: number): ProductRule {
  const key = `${q},${n}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const rule = gaussHermiteNormal(n);
  const size = n ** q;
  const nodes = new Float64Array(size * q);
  const logWeights = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    let index = k;
    let logWeight = 0;
    for (let a = 0; a < q; a++) {
      const i = index % n;
      index = (index - i) / n;
      const z = rule.nodes[i];
      nodes[k * q + a] = z;
      logWeight += Math.log(rule.weights[i]) + 0.5 * z * z;
    }
    logWeights[k] = logWeight;
  }
  const product = { q, size, nodes, logWeights };
  cache.set(key, product);
  return product;
}
