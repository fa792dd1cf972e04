const MASK64 = (1n << 64n) - 1n;
/** 2^64 / golden ratio, the SplitMix64 increment (Steele, Lea & Flood 2014). */
export const GOLDEN_GAMMA = 0x9e3779b97f4a7c15n;

/**
 * The SplitMix64 output function (Steele, Lea & Flood 2014; Stafford's "Mix13" constants): a bijection of
 * 64-bit words with full avalanche, so nearby inputs (seeds 1, 2, 3, ...) map to unrelated outputs.
 */
export function mix64(z: bigint): bigint {
  z = BigInt.asUintN(64, z);
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/** The k-th (k = 1, 2, ...) SplitMix64 output from the seed: mix64(seed + k * gamma). */
export function splitMix64(seed: bigint, k: number): bigint {
  return mix64(seed + BigInt(k) * GOLDEN_GAMMA);
}
