import { NumericsArgumentError } from "../errors.js";
import { GOLDEN_GAMMA, mix64 } from "./splitMix64.js";
import { seedWord } from "./seed.js";

const TAG_NUMBER = 0x6e756d6265720000n; // "number"
const TAG_STRING = 0x737472696e670000n; // "string"
const encoder = new TextEncoder();

/**
 * A seed for an independent sub-stream named by a path, e.g. deriveSeed(seed, "feature", 17).
 * Hash: h0 = mix64(seed); every path element is written as 64-bit words (a type tag, then the integer
 * itself, or the UTF-8 length and bytes 8 at a time, little-endian) and absorbed one word at a time by
 * h <- mix64(h + gamma + word) (SplitMix64's mixer as a sponge). The result is the top 53 bits of h, a
 * non-negative safe integer, so it is itself a valid seed. Pure function of its arguments, identical on
 * every platform (BigInt arithmetic). Distinct paths ("a", 1) and ("a1") hash differently because of the
 * tags and length prefixes.
 */
export function deriveSeed(seed: number, ...path: (number | string)[]): number {
  let h = mix64(seedWord(seed));
  const absorb = (word: bigint): void => {
    h = mix64(h + GOLDEN_GAMMA + word);
  };
  for (const element of path) {
    if (typeof element === "number") {
      if (!Number.isSafeInteger(element)) {
        throw new NumericsArgumentError(`deriveSeed path numbers must be safe integers, got ${element}`);
      }
      absorb(TAG_NUMBER);
      absorb(BigInt.asUintN(64, BigInt(element)));
    } else {
      const bytes = encoder.encode(element);
      absorb(TAG_STRING);
      absorb(BigInt(bytes.length));
      for (let i = 0; i < bytes.length; i += 8) {
        let word = 0n;
        for (let k = Math.min(7, bytes.length - 1 - i); k >= 0; k--) word = (word << 8n) | BigInt(bytes[i + k]);
        absorb(word);
      }
    }
  }
  return Number(h >> 11n);
}
