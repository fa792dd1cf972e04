import { normalDensity } from "@biomarker/numerics";
import { quantileType7 } from "../quantileType7.js";

export interface KernelDensity {
  x: Float64Array;
  y: Float64Array;
  bandwidth: number;
}

/**
 * Silverman's rule of thumb as R's bw.nrd0: 0.9 min(sd, IQR / 1.34) n^(-1/5), falling back to sd, |x_1|
 * or 1 when the spread is 0.
 */
export function bandwidthNrd0(x: Float64Array): number {
  const n = x.length;
  let mean = 0;
  for (const v of x) mean += v;
  mean /= n;
  let correction = 0;
  for (const v of x) correction += v - mean;
  mean += correction / n;
  let ss = 0;
  for (const v of x) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const sorted = x.slice().sort();
  let lo = Math.min(sd, (quantileType7(sorted, 0.75) - quantileType7(sorted, 0.25)) / 1.34);
  if (!(lo > 0)) lo = sd > 0 ? sd : Math.abs(x[0]) > 0 ? Math.abs(x[0]) : 1;
  return 0.9 * lo * Math.pow(n, -0.2);
}

/** R's seq.int(from, to, length.out = n): from + i by with both ends exact. */
function equallySpaced(from: number, to: number, n: number): Float64Array {
  const out = new Float64Array(n);
  const by = (to - from) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = from + i * by;
  out[0] = from;
  out[n - 1] = to;
  return out;
}

/**
 * Gaussian kernel density estimate as R's density(x, adjust = adjust) with n = 512 points and cut = 3
 * (Silverman 1986, section 3.5): the data are linearly binned (weights 1/N) on 512 points spanning
 * [min - 7 bw, max + 7 bw], convolved with the kernel, and interpolated linearly onto 512 points spanning
 * [min - 3 bw, max + 3 bw]. R convolves by FFT on a zero-padded grid of 1024 points whose kernel ordinates
 * are spaced 2 (up - lo) / 1023 rather than the bin width (up - lo) / 511; the convolution is done here as
 * the direct sum with that same spacing, which equals R's result up to FFT rounding.
 */
export function gaussianKernelDensity(x: Float64Array, adjust = 1): KernelDensity {
  const n = 512;
  const count = x.length;
  const bandwidth = adjust * bandwidthNrd0(x);
  let min = Infinity;
  let max = -Infinity;
  for (const v of x) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const from = min - 3 * bandwidth;
  const to = max + 3 * bandwidth;
  const lo = from - 4 * bandwidth;
  const up = to + 4 * bandwidth;

  // Linear binning (R's BinDist) on n grid points.
  const binned = new Float64Array(n);
  const delta = (up - lo) / (n - 1);
  for (const v of x) {
    const position = (v - lo) / delta;
    const ix = Math.floor(position);
    const fraction = position - ix;
    if (ix >= 0 && ix <= n - 2) {
      binned[ix] += (1 - fraction) / count;
      binned[ix + 1] += fraction / count;
    } else if (ix === -1) binned[0] += fraction / count;
    else if (ix === n - 1) binned[ix] += (1 - fraction) / count;
  }

  const kernelStep = (2 * (up - lo)) / (2 * n - 1);
  const kernel = Float64Array.from({ length: n }, (_, d) => normalDensity((d * kernelStep) / bandwidth) / bandwidth);
  const grid = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let a = 0; a < n; a++) sum += binned[a] * kernel[Math.abs(a - j)];
    grid[j] = Math.max(0, sum);
  }

  const gridX = equallySpaced(lo, up, n);
  const outX = equallySpaced(from, to, n);
  return { x: outX, y: outX.map((v) => interpolate(gridX, grid, v)), bandwidth };
}

/** Linear interpolation as R's approx() inside the range (bisection for the interval). */
function interpolate(x: Float64Array, y: Float64Array, v: number): number {
  let i = 0;
  let j = x.length - 1;
  while (i < j - 1) {
    const mid = (i + j) >> 1;
    if (v < x[mid]) j = mid;
    else i = mid;
  }
  if (v === x[j]) return y[j];
  if (v === x[i]) return y[i];
  return y[i] + (y[j] - y[i]) * ((v - x[i]) / (x[j] - x[i]));
}
