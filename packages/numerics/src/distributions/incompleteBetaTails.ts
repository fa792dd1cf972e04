import betainc from "@stdlib/math-base-special-betainc";

/**
 * Both tails of the regularized incomplete beta function, I_x(a, b) and 1 - I_x(a, b), each to full
 * relative accuracy. The smaller tail is computed directly (@stdlib betainc, Boost's ibeta: DiDonato &
 * Morris 1992 with continued fractions and series); the larger one is 1 - smaller, which is exact to
 * rounding because it is >= 1/2. Asking betainc for the larger tail directly is not safe:
 * betainc(1e-12, 0.5, 0.5, upper) is off by 2.8e-11 relative (R: 0.99999936338022763).
 */
export function incompleteBetaTails(x: number, a: number, b: number): { lower: number; upper: number } {
  // Guess the smaller tail from the mean a / (a + b) so that usually one evaluation suffices.
  if (x <= a / (a + b)) {
    const lower = betainc(x, a, b, true, false);
    if (lower <= 0.5) return { lower, upper: 1 - lower };
  }
  const upper = betainc(x, a, b, true, true);
  if (upper <= 0.5) return { lower: 1 - upper, upper };
  const lower = betainc(x, a, b, true, false);
  return { lower, upper: 1 - lower };
}
