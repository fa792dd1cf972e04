/**
 * A number on the analysis scale that is known exactly, known only up to a bound, or not known at all:
 * "at-most" is a left-censored value (value <= bound, e.g. below the LLOQ), "at-least" a right-censored
 * one (value >= bound), "unknown" a value bounded on neither side (e.g. the difference of two
 * left-censored values), "missing" no value.
 */
export type CensoredNumber =
  | { kind: "observed"; value: number }
  | { kind: "at-most"; bound: number }
  | { kind: "at-least"; bound: number }
  | { kind: "unknown" }
  | { kind: "missing" };

/** The interval [lower, upper] a censored number is known to lie in (+-Infinity for an open side). */
export function interval(x: CensoredNumber): [number, number] | null {
  switch (x.kind) {
    case "observed": return [x.value, x.value];
    case "at-most": return [-Infinity, x.bound];
    case "at-least": return [x.bound, Infinity];
    case "unknown": return [-Infinity, Infinity];
    case "missing": return null;
  }
}

/** The censored number of an interval: a point, a bound on one side, or unknown. */
export function fromInterval(lower: number, upper: number): CensoredNumber {
  if (lower === upper) return { kind: "observed", value: lower };
  if (lower === -Infinity && upper === Infinity) return { kind: "unknown" };
  if (lower === -Infinity) return { kind: "at-most", bound: upper };
  if (upper === Infinity) return { kind: "at-least", bound: lower };
  // Interval arithmetic below never produces a finite two-sided interval from one-sided inputs.
  throw new RangeError(`a finite interval [${lower}, ${upper}] is not a censored number`);
}

/** a - b by interval arithmetic: [a_lo - b_hi, a_hi - b_lo]. Missing when either is missing. */
export function difference(a: CensoredNumber, b: CensoredNumber): CensoredNumber {
  const ia = interval(a);
  const ib = interval(b);
  if (ia === null || ib === null) return { kind: "missing" };
  return fromInterval(ia[0] - ib[1], ia[1] - ib[0]);
}

/** The mean of several censored numbers by interval arithmetic (missing ones must be removed first). */
export function mean(values: readonly CensoredNumber[]): CensoredNumber {
  if (values.length === 0) return { kind: "missing" };
  let lower = 0;
  let upper = 0;
  for (const v of values) {
    const i = interval(v);
    if (i === null) return { kind: "missing" };
    lower += i[0];
    upper += i[1];
  }
  return fromInterval(lower / values.length, upper / values.length);
}
