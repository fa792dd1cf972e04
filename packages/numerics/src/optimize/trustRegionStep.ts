/**
 * Work space and solver for the trust-region subproblem on the free variables:
 *   minimise g's + s'Hs/2 subject to ||s||_2 <= radius,
 * by the Levenberg-Marquardt characterisation s = -(H + mu I)^-1 g with mu >= 0 and H + mu I positive
 * definite (Moré & Sorensen 1983; Nocedal & Wright 2006, Alg. 4.3): mu = 0 when the Newton step is inside
 * the region, otherwise mu is updated by Newton's method on the secular equation 1/||s(mu)|| = 1/radius,
 *   mu <- mu + (||s|| / ||q||)^2 (||s|| - radius) / radius,  with L q = s, L L' = H + mu I,
 * and increased geometrically whenever H + mu I is not positive definite. The subproblem is solved only
 * approximately, as usual: a step up to 1.1 radius is accepted. All buffers are preallocated.
 */
export class TrustRegionStep {
  readonly step: Float64Array;
  /** mu of the returned step; 0 means the undamped Newton step of a positive definite H. */
  mu = 0;
  private readonly factor: Float64Array;
  private readonly work: Float64Array;

  constructor(private readonly size: number) {
    this.step = new Float64Array(size);
    this.factor = new Float64Array(size * size);
    this.work = new Float64Array(size);
  }

  /** Solves for the first m entries of step; h is m x m column-major (only the lower triangle is read). */
  solve(h: Float64Array, g: Float64Array, m: number, radius: number): void {
    let maxDiagonal = 0;
    for (let i = 0; i < m; i++) maxDiagonal = Math.max(maxDiagonal, Math.abs(h[i + i * m]));
    let gradientNorm = 0;
    for (let i = 0; i < m; i++) gradientNorm += g[i] * g[i];
    gradientNorm = Math.sqrt(gradientNorm);
    const muFloor = Math.max(1e-10 * maxDiagonal, (1e-10 * gradientNorm) / radius, Number.MIN_VALUE);
    let mu = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      if (!this.factorize(h, m, mu)) {
        mu = Math.max(4 * mu, muFloor);
        continue;
      }
      const norm = this.solveShifted(g, m);
      if (norm <= radius * 1.1) {
        this.mu = mu;
        return;
      }
      // q = L^-1 s, ||q||^2 = s' (H + mu I)^-1 s.
      const q = this.work;
      for (let i = 0; i < m; i++) {
        let sum = this.step[i];
        for (let k = 0; k < i; k++) sum -= this.factor[i + k * m] * q[k];
        q[i] = sum / this.factor[i + i * m];
      }
      let qNorm2 = 0;
      for (let i = 0; i < m; i++) qNorm2 += q[i] * q[i];
      const next = mu + ((norm * norm) / qNorm2) * ((norm - radius) / radius);
      mu = next > muFloor ? next : muFloor;
    }
    // Fallback (not reached in practice): scale the last step back onto the region.
    let norm = 0;
    for (let i = 0; i < m; i++) norm += this.step[i] * this.step[i];
    const scale = radius / Math.sqrt(norm);
    if (scale < 1) for (let i = 0; i < m; i++) this.step[i] *= scale;
    this.mu = mu;
  }

  /** Cholesky of H + mu I into this.factor; false if a pivot is not positive. */
  private factorize(h: Float64Array, m: number, mu: number): boolean {
    const l = this.factor;
    for (let j = 0; j < m; j++) {
      let pivot = h[j + j * m] + mu;
      for (let k = 0; k < j; k++) pivot -= l[j + k * m] * l[j + k * m];
      if (!(pivot > 0)) return false;
      const d = Math.sqrt(pivot);
      l[j + j * m] = d;
      for (let i = j + 1; i < m; i++) {
        let s = h[i + j * m];
        for (let k = 0; k < j; k++) s -= l[i + k * m] * l[j + k * m];
        l[i + j * m] = s / d;
      }
    }
    return true;
  }

  /** step = -(L L')^-1 g; returns ||step||_2. */
  private solveShifted(g: Float64Array, m: number): number {
    const l = this.factor;
    const s = this.step;
    for (let i = 0; i < m; i++) {
      let sum = -g[i];
      for (let k = 0; k < i; k++) sum -= l[i + k * m] * s[k];
      s[i] = sum / l[i + i * m];
    }
    for (let i = m - 1; i >= 0; i--) {
      let sum = s[i];
      for (let k = i + 1; k < m; k++) sum -= l[k + i * m] * s[k];
      s[i] = sum / l[i + i * m];
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += s[i] * s[i];
    return Math.sqrt(norm);
  }
}
