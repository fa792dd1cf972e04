import { checkOptions, normalDensity, normalQuantile } from "@biomarker/numerics";
import { orderAscending } from "../padjust/missing.js";
import { predictSmoothingSpline, smoothingSpline } from "../spline/smoothingSpline.js";
import { gaussianKernelDensity } from "./kernelDensity.js";

export interface LocalFdrOptions {
  /** Scale on which the density of the p-values is estimated: "probit" (default) or "logit". */
  transformation?: "probit" | "logit";
  /** Bandwidth multiplier for the kernel density (default 1.5). */
  adjust?: number;
  /** p-values are kept eps away from 0 and 1 (default 1e-8). */
  eps?: number;
  /** Cap at 1 (default true). */
  truncate?: boolean;
  /** Make non-decreasing in p (default true). */
  monotone?: boolean;
}

/**
 * Local false discovery rates as qvalue 2.30's lfdr (Efron et al. 2001; Storey's qvalue): the p-values are
 * transformed to z = qnorm(p) (or logit(p)), their density f is estimated by a Gaussian kernel density
 * (kernelDensity.ts) smoothed by a GCV cubic smoothing spline, and
 *   lfdr(p) = pi0 phi(z) / f(z)   (probit),   pi0 (dz/dp)^-1 / f(z) with dp/dz = e^z / (1 + e^z)^2   (logit),
 * then capped at 1 and made monotone in p by a running maximum. `p` are the non-missing p-values.
 */
export function localFdr(p: Float64Array, pi0: number, options: LocalFdrOptions = {}): Float64Array {
  checkOptions("localFdr", options, { transformation: ["probit", "logit"], adjust: "number", eps: "number", truncate: "boolean", monotone: "boolean" });
  const eps = options.eps ?? 1e-8;
  const probit = (options.transformation ?? "probit") === "probit";
  const used = probit ? p.map((v) => Math.min(Math.max(v, eps), 1 - eps)) : p.slice();
  const z = probit ? used.map((v) => normalQuantile(v)) : used.map((v) => Math.log((v + eps) / (1 - v + eps)));
  const density = gaussianKernelDensity(z, options.adjust ?? 1.5);
  const spline = smoothingSpline(density.x, density.y);
  const lfdr = z.map((v) => {
    const f = predictSmoothingSpline(spline, v);
    const null_ = probit ? normalDensity(v) : Math.exp(v) / (1 + Math.exp(v)) ** 2;
    return (pi0 * null_) / f;
  });
  if (options.truncate ?? true) for (let i = 0; i < lfdr.length; i++) if (lfdr[i] > 1) lfdr[i] = 1;
  if (options.monotone ?? true) {
    let running = -Infinity;
    for (const i of orderAscending(used)) {
      running = Math.max(running, lfdr[i]);
      lfdr[i] = running;
    }
  }
  return lfdr;
}
