import { normalCdf, normalLogCdf, normalLogCdfDerivative, normalSf } from "@biomarker/numerics";
import { LEFT, OBSERVED } from "./censoredDesign.js";

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * One observation's log-likelihood given its mean mu, and its derivatives, written into out:
 *   out[0] = l,  out[1] = dl/dmu,  out[2] = d2l/dmu2,  out[3] = dl/dlog(sigma).
 * Observed y:            l = -log sigma - log(2 pi)/2 - r^2/2,  r = (y - mu)/sigma:
 *                        dl/dmu = r/sigma, d2l/dmu2 = -1/sigma^2, dl/dlog sigma = r^2 - 1.
 * Left-censored (< c):   l = log Phi(s), s = (c - mu)/sigma; right-censored (> c): s = (mu - c)/sigma.
 *                        With lambda = phi(s)/Phi(s): dl/dmu = -+lambda/sigma, d2l/dmu2 = -lambda (s + lambda)/sigma^2,
 *                        dl/dlog sigma = -lambda s.
 */
export function observationTerms(kind: number, y: number, mu: number, sigma: number, logSigma: number, out: Float64Array): void {
  if (kind === OBSERVED) {
    const r = (y - mu) / sigma;
    out[0] = -logSigma - HALF_LOG_2PI - 0.5 * r * r;
    out[1] = r / sigma;
    out[2] = -1 / (sigma * sigma);
    out[3] = r * r - 1;
    return;
  }
  const sign = kind === LEFT ? -1 : 1;
  const s = (sign * (mu - y)) / sigma;
  let lambda: number;
  if (s > -30) {
    // One erfc for both: log Phi(s) and phi(s) / Phi(s).
    const cdf = s > 0 ? 1 - normalSf(s) : normalCdf(s);
    out[0] = s > 0 ? Math.log1p(-normalSf(s)) : Math.log(cdf);
    lambda = Math.exp(-0.5 * s * s - HALF_LOG_2PI) / cdf;
  } else {
    out[0] = normalLogCdf(s);
    lambda = normalLogCdfDerivative(s);
  }
  out[1] = (sign * lambda) / sigma;
  out[2] = (-lambda * (s + lambda)) / (sigma * sigma);
  out[3] = -lambda * s;
}
