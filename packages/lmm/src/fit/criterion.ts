/** Profiled ML deviance, Bates et al. (2015) eq. 34:
 *  -2 l(theta) = log|L_theta|^2 + n (1 + log(2 pi r^2(theta) / n)). */
export function mlDeviance(logDetL: number, pwrss: number, n: number): number {
  return logDetL + n * (1 + Math.log((2 * Math.PI * pwrss) / n));
}

/** Profiled REML criterion, Bates et al. (2015) eq. 41:
 *  -2 l_R(theta) = log|L_theta|^2 + log|R_X|^2 + (n - p) (1 + log(2 pi r^2(theta) / (n - p))). */
export function remlCriterion(logDetL: number, logDetRX: number, pwrss: number, n: number, p: number): number {
  const dof = n - p;
  return logDetL + logDetRX + dof * (1 + Math.log((2 * Math.PI * pwrss) / dof));
}

/** Profiled residual scale: sigma^2 = r^2 / (n - p) under REML, r^2 / n under ML (eqs 33 and 40). */
export function profiledSigma(pwrss: number, n: number, p: number, reml: boolean): number {
  return Math.sqrt(pwrss / (reml ? n - p : n));
}
