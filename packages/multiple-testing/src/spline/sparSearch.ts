/**
 * One-dimensional minimisation by golden-section search with successive parabolic interpolation:
 * Brent (1973), Algorithms for Minimization without Derivatives, ch. 5 ("localmin"), in the variant R's
 * smooth.spline uses for its smoothing parameter (stats sbart): start at a + c (b - a) with
 * c = (3 - sqrt 5) / 2, tolerance tol1 = eps |x| + tol / 3, stop when |x - (a + b) / 2| <= 2 tol1 - (b - a) / 2
 * or after maxIterations, infinite criteria replaced by 2e100. The result depends on these details (the
 * search stops at a tolerance, not at the exact minimum), so they are kept.
 */
export interface SparSearchOptions {
  lower: number;
  upper: number;
  tol: number;
  eps: number;
  maxIterations: number;
}

export interface SparSearchResult {
  /** The best point found (R's `spar`). */
  spar: number;
  criterion: number;
  iterations: number;
}

const goldenFraction = 0.381966011250105151795413165634; // (3 - sqrt(5)) / 2
const big = 1e100;

/** |magnitude| with the sign of `sign` (Fortran SIGN; zero counts as positive). */
function withSign(magnitude: number, sign: number): number {
  return sign >= 0 ? Math.abs(magnitude) : -Math.abs(magnitude);
}

export function searchSpar(criterion: (spar: number) => number, options: SparSearchOptions): SparSearchResult {
  const { tol, eps, maxIterations } = options;
  let a = options.lower;
  let b = options.upper;
  let x = a + goldenFraction * (b - a);
  let v = x;
  let w = x;
  let d = 0;
  let e = 0;
  let fx = criterion(x);
  let fv = fx;
  let fw = fx;
  let iterations = 0;

  for (;;) {
    const xm = (a + b) * 0.5;
    const tol1 = eps * Math.abs(x) + tol / 3;
    const tol2 = tol1 * 2;
    iterations++;
    if (Math.abs(x - xm) <= tol2 - (b - a) * 0.5 || iterations > maxIterations) break;

    let golden = true;
    if (Math.abs(e) > tol1 && fx < big && fv < big && fw < big) {
      // Parabola through (v, fv), (w, fw), (x, fx); its vertex is x + p / q.
      let r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = (q - r) * 2;
      if (q > 0) p = -p;
      q = Math.abs(q);
      r = e;
      e = d;
      const acceptable = !(Math.abs(p) >= Math.abs(0.5 * q * r) || q === 0) && p > q * (a - x) && p < q * (b - x);
      if (acceptable) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = withSign(tol1, xm - x);
        golden = false;
      }
    }
    if (golden) {
      e = x >= xm ? a - x : b - x;
      d = goldenFraction * e;
    }

    const u = x + (Math.abs(d) >= tol1 ? d : withSign(tol1, d));
    let fu = criterion(u);
    if (!Number.isFinite(fu)) fu = 2 * big;

    if (fu <= fx) {
      if (u >= x) a = x;
      else b = x;
      v = w; fv = fw;
      w = x; fw = fx;
      x = u; fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w; fv = fw;
        w = u; fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u; fv = fu;
      }
    }
  }
  return { spar: x, criterion: fx, iterations };
}
