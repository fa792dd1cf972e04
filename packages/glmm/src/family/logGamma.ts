/** lgamma(x) for x > 0 by the Lanczos approximation (g = 7, 9 coefficients; relative error ~1e-15),
 *  with the reflection-free shift lgamma(x) = lgamma(x + 1) - log(x) below 0.5. Used for the normalizing
 *  constants log choose(m, k) and log y! of the binomial and Poisson densities. */
const g = 7;
const coefficients = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return logGamma(x + 1) - Math.log(x);
  const z = x - 1;
  let a = coefficients[0];
  const t = z + g + 0.5;
  for (let i = 1; i < 9; i++) a += coefficients[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}
