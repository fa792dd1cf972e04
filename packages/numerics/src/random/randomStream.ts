import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import { NumericsArgumentError } from "../errors.js";
import { normalQuantile } from "../distributions/normal.js";
import { splitMix64 } from "./splitMix64.js";
import { seedWord } from "./seed.js";

/** A seeded stream of random numbers; every value is a pure function of the seed and the call sequence. */
export interface RandomStream {
  /** Uniform on [0, 1), a multiple of 2^-53 (53 random bits from two generator outputs). */
  nextDouble(): number;
  /** Uniform integer in 0..n-1 (n a positive safe integer), exactly unbiased by rejection. */
  nextInt(n: number): number;
  /** Standard normal by inversion: normalQuantile(u) with u = (k + 1/2) 2^-53 on a 53-bit grid. */
  nextNormal(): number;
}

const TWO_POW_26 = 2 ** 26;
const TWO_POW_53 = 2 ** 53;
const HALF_ULP = 2 ** -54;

/**
 * A stream from pure-rand's xoroshiro128+ (Blackman & Vigna 2018), whose 128-bit state is the first two
 * SplitMix64 outputs of the seed, as the xoroshiro authors recommend: raw small seeds would start the
 * generator in a nearly-zero state whose first outputs are correlated across seeds 1, 2, 3, ...
 * pure-rand's next() returns the low 32 bits of the 64-bit sum s0 + s1. The lowest bits of xoroshiro128+
 * are its weakest (bit 0 is a linear-feedback sequence), so doubles take bits 5..31 and 6..31 of two outputs
 * (27 + 26 = 53 bits, as in the Mersenne Twister's genrand_res53), and integers are drawn from those 53 bits.
 */
export function createRandomStream(seed: number): RandomStream {
  const word = seedWord(seed);
  const s0 = splitMix64(word, 1);
  const s1 = splitMix64(word, 2);
  const hi = (x: bigint): number => Number(BigInt.asIntN(32, x >> 32n));
  const lo = (x: bigint): number => Number(BigInt.asIntN(32, x));
  // pure-rand's state order is [s0 high, s0 low, s1 high, s1 low].
  const generator = xoroshiro128plusFromState([hi(s0), lo(s0), hi(s1), lo(s1)]);

  const nextBits53 = (): number => (generator.next() >>> 5) * TWO_POW_26 + (generator.next() >>> 6);
  const nextDouble = (): number => nextBits53() / TWO_POW_53;
  return {
    nextDouble,
    nextInt(n: number): number {
      if (!Number.isSafeInteger(n) || n < 1) {
        throw new NumericsArgumentError(`nextInt needs a positive safe integer bound, got ${n}`);
      }
      // Accept r < 2^53 - (2^53 mod n): then r mod n is exactly uniform on 0..n-1.
      const limit = TWO_POW_53 - (TWO_POW_53 % n);
      for (;;) {
        const r = nextBits53();
        if (r < limit) return r % n;
      }
    },
    nextNormal(): number {
      return normalQuantile(nextDouble() + HALF_ULP);
    },
  };
}
