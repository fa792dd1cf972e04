import { orderAscending } from "./missing.js";

/** 1 - (1 - p)^k as -expm1(k log1p(-p)), which keeps the digits of tiny p-values (k p for p << 1/k). */
function sidakTail(p: number, k: number): number {
  return Math.min(1, -Math.expm1(k * Math.log1p(-p)));
}

/** Sidak (1967) single step: p~_i = 1 - (1 - p_i)^n, exact family-wise control for independent tests. */
export function sidak(p: Float64Array, n: number): Float64Array {
  return p.map((v) => sidakTail(v, n));
}

/** Holm (1979) step-down with Sidak's levels: p~_(i) = max_{j <= i} 1 - (1 - p_(j))^(n - j + 1). */
export function holmSidak(p: Float64Array, n: number): Float64Array {
  const order = orderAscending(p);
  const out = new Float64Array(p.length);
  let running = -Infinity;
  for (let k = 0; k < order.length; k++) {
    running = Math.max(running, sidakTail(p[order[k]], n - k));
    out[order[k]] = running;
  }
  return out;
}
