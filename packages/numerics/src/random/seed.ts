import { NumericsArgumentError } from "../errors.js";

/** A seed is any safe integer (|seed| < 2^53); it is read as a 64-bit two's-complement word. */
export function seedWord(seed: number, what = "seed"): bigint {
  if (!Number.isSafeInteger(seed)) {
    throw new NumericsArgumentError(`${what} must be an integer with |${what}| < 2^53, got ${seed}`);
  }
  return BigInt.asUintN(64, BigInt(seed));
}
