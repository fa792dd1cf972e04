import { normalCdf, normalSf } from "@biomarker/numerics";

/* Edgeworth coefficients of AS 89 (Best & Roberts 1975, Appl. Statist. 24, 377). */
const C = [0.2274, 0.2531, 0.1745, 0.0758, 0.1033, 0.3932, 0.0879, 0.0151, 0.0072, 0.0831, 0.0131, 4.6e-4];

/**
 * AS 89 Edgeworth series for P(S >= s) (upper) or P(S < s) (lower) of Spearman's S = sum d^2 without
 * ties, as R's prho.c evaluates it for n > 9:
 *   x = (6 (s - 1) / (n (n^2 - 1)) - 1) sqrt(n - 1),  u = x/n * (polynomial in x^2 and 1/n),
 *   P = +-u exp(-x^2/2) + Phi(x) (lower) or 1 - Phi(x) (upper), clamped to [0, 1].
 */
function prhoEdgeworth(n: number, s: number, lowerTail: boolean): number {
  if (s <= 0) return lowerTail ? 0 : 1;
  if (s > (n * (n * n - 1)) / 3) return lowerTail ? 1 : 0;
  const b = 1 / n;
  const x = ((6 * (s - 1) * b) / (n * n - 1) - 1) * Math.sqrt(n - 1);
  let y = x * x;
  const u =
    x *
    b *
    (C[0] +
      b * (C[1] + C[2] * b) +
      y *
        (-C[3] +
          b * (C[4] + C[5] * b) -
          y * b * (C[6] + C[7] * b - y * (C[8] - C[9] * b + y * b * (C[10] - C[11] * y)))));
  y = u / Math.exp(y / 2);
  const p = (lowerTail ? -y : y) + (lowerTail ? normalCdf(x) : normalSf(x));
  return Math.min(1, Math.max(0, p));
}

/** R's one-sided Spearman p (cor.test): "greater" (rho > 0, small S) P(S <= q) = P(S < q + 2), "less" P(S >= q). */
export function spearmanEdgeworthOneSided(n: number, s: number, alternative: "less" | "greater"): number {
  const q = Math.round(s);
  return alternative === "greater" ? prhoEdgeworth(n, q + 2, true) : prhoEdgeworth(n, q, false);
}

/**
 * R's two-sided Spearman p for untied data without exact enumeration (cor.test, n >= 10):
 * the tail on the side of S, P(S >= q) when q > (n^3 - n)/6 and P(S <= q) = P(S < q + 2) otherwise
 * (S is even), doubled and capped at 1.
 */
export function spearmanEdgeworthPValue(n: number, s: number): number {
  const q = Math.round(s);
  const oneSided = q > (n * n * n - n) / 6 ? prhoEdgeworth(n, q, false) : prhoEdgeworth(n, q + 2, true);
  return Math.min(2 * oneSided, 1);
}
