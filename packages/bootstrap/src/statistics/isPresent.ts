/** A measured value: a finite number (null, undefined and NaN are missing). */
export function isPresent(v: number | null | undefined): v is number {
  return typeof v === "number" && Number.isFinite(v);
}
