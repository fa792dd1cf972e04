/**
 * Test-side oracle, written independently of the package: the exact (conditional) permutation null of
 * Spearman's rho for n observations with mid-ranks, by brute force over all n! permutations.
 */
export function permutations(n: number): number[][] {
  if (n === 1) return [[0]];
  const out: number[][] = [];
  for (const rest of permutations(n - 1)) {
    for (let position = 0; position <= rest.length; position++) {
      out.push([...rest.slice(0, position), n - 1, ...rest.slice(position)]);
    }
  }
  return out;
}

export function midRanks(values: readonly number[]): number[] {
  return values.map((v) => {
    const less = values.filter((w) => w < v).length;
    const equal = values.filter((w) => w === v).length;
    return less + (equal + 1) / 2;
  });
}

function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * Two-sided exact p-value P(|rho*| >= |rho|) of Spearman's rho (Pearson correlation of mid-ranks) over all
 * permutations of y against x, and the support: the p-values of every attainable |rho*|, ascending.
 */
export function spearmanExact(x: readonly number[], y: readonly number[], perms: number[][]): { rho: number; pValue: number; support: number[] } {
  const rx = midRanks(x);
  const ry = midRanks(y);
  const rho = pearson(rx, ry);
  const null_ = perms.map((perm) => Math.abs(pearson(rx, perm.map((i) => ry[i]))));
  const tolerance = 1e-12;
  const pOf = (r: number): number => null_.filter((v) => v >= r - tolerance).length / perms.length;
  const distinct: number[] = [];
  for (const v of [...null_].sort((a, b) => b - a)) {
    if (distinct.length === 0 || distinct[distinct.length - 1] - v > tolerance) distinct.push(v);
  }
  return { rho, pValue: pOf(Math.abs(rho)), support: distinct.map(pOf) };
}
