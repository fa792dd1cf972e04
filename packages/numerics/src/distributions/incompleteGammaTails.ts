import gammainc from "@stdlib/math-base-special-gammainc";
import { largeShapeIncompleteGamma } from "./largeShapeIncompleteGamma.js";

/** Above this shape @stdlib's gammainc loses accuracy (4.5% at a = 2000, NaN at a = 5000). */
const LARGE_SHAPE = 200;

/**
 * Both tails of the regularized incomplete gamma function, P(a, x) and Q(a, x) = 1 - P(a, x), each to
 * full relative accuracy: the smaller tail is computed directly (@stdlib gammainc, Boost's gamma_p/gamma_q:
 * series, continued fraction and Temme's uniform asymptotics), the larger as 1 - smaller. For a > 200
 * largeShapeIncompleteGamma is used instead.
 */
export function incompleteGammaTails(x: number, a: number): { lower: number; upper: number } {
  if (a > LARGE_SHAPE) return largeShapeIncompleteGamma(x, a);
  // Guess the smaller tail from the mean a so that usually one evaluation suffices.
  if (x <= a) {
    const lower = gammainc(x, a, true, false);
    if (lower <= 0.5) return { lower, upper: 1 - lower };
  }
  const upper = gammainc(x, a, true, true);
  if (upper <= 0.5) return { lower: 1 - upper, upper };
  const lower = gammainc(x, a, true, false);
  return { lower, upper: 1 - lower };
}
