import kernelBetaincinv from "@stdlib/math-base-special-kernel-betaincinv";
import { incompleteBetaTails } from "./incompleteBetaTails.js";
import { normalCdf, normalQuantile, normalSf } from "./normal.js";

/**
 * Lower tail P(T <= -|t|) of Student's t with df degrees of freedom, from the regularized incomplete
 * beta function (Abramowitz & Stegun 26.7.1): P(|T| > |t|) = I_{df/(df+t^2)}(df/2, 1/2).
 * When t^2 is small relative to df the complementary form 1 - I_{t^2/(df+t^2)}(1/2, df/2) is used, so the
 * beta argument is never formed as 1 - something (the same split as R's pt).
 */
function tailBeyond(absT: number, df: number): number {
  if (absT > FAR) return tailBeyond(FAR, df) * (FAR / absT) ** df;
  const t2 = absT * absT;
  if (df > 2 * t2) return 0.5 * incompleteBetaTails(t2 / (df + t2), 0.5, df / 2).upper;
  return 0.5 * incompleteBetaTails(df / (df + t2), df / 2, 0.5).lower;
}

/**
 * Beyond |t| = 1e150, t^2 would overflow (and df/(df+t^2) underflow), so the exact power-law tail is used:
 * P(T > t) = c t^-df (1 + O(df / t^2)), hence P(T > t) = P(T > 1e150) (1e150 / t)^df to within 1e-300
 * relative. Only reachable for df < 2 and tail probabilities below ~1e-150.
 */
const FAR = 1e150;

function validDf(df: number): boolean {
  return !Number.isNaN(df) && df > 0;
}

/** P(T <= t). df = Infinity gives the standard normal. */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !validDf(df)) return NaN;
  if (df === Infinity) return normalCdf(t);
  if (t === 0) return 0.5;
  if (t === -Infinity) return 0;
  if (t === Infinity) return 1;
  const tail = tailBeyond(Math.abs(t), df);
  return t < 0 ? tail : 1 - tail;
}

/** P(T > t), computed in the upper tail by symmetry: P(T > t) = P(T <= -t). */
export function studentTSf(t: number, df: number): number {
  if (Number.isNaN(t) || !validDf(df)) return NaN;
  if (df === Infinity) return normalSf(t);
  return studentTCdf(-t, df);
}

/**
 * The t with P(T <= t) = p. Inverts the same incomplete beta relation with both p and 1 - p supplied to
 * the inverse (Boost's ibeta_inv via @stdlib kernel-betaincinv), taking the tail p lies in.
 */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !validDf(df)) return NaN;
  if (df === Infinity) return normalQuantile(p);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  return p < 0.5 ? -tailQuantile(p, df) : tailQuantile(1 - p, df);
}

/** The t with P(T > t) = q, from q directly (accurate for q = 1e-20 where 1 - q rounds to 1). */
export function studentTQuantileUpper(q: number, df: number): number {
  return -studentTQuantile(q, df);
}

/** |t| with P(T > |t|) = tail, 0 < tail < 1/2: x = df/(df+t^2) solves I_x(df/2, 1/2) = 2 tail, t^2 = df (1-x)/x. */
function tailQuantile(tail: number, df: number): number {
  const farTail = tailBeyond(FAR, df);
  if (tail < farTail) return FAR * (farTail / tail) ** (1 / df);
  const [x, y] = kernelBetaincinv(df / 2, 0.5, 2 * tail, 1 - 2 * tail);
  return Math.sqrt((df * y) / x);
}
