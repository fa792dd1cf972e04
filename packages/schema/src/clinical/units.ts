import type { Measurement } from "../model/study.js";

/**
 * Unit conversions of the clinical labs.
 * - C3/C4: 1 g/L = 100 mg/dL (1 dL = 0.1 L, 1 g = 1000 mg).
 * - Urine protein/creatinine ratio: 1 mg/mmol = 8.84 mg/g, since creatinine is 113.12 g/mol
 *   (1 mmol = 0.11312 g; 1 / 0.11312 = 8.84, the factor used in clinical practice).
 */
const FACTORS: Record<string, number> = {
  "g/L->mg/dL": 100,
  "g/L->mg/L": 1000,
  "mg/dL->mg/L": 10,
  "mg/mmol->mg/g": 8.84,
  "mg/mmol->g/g": 8.84 / 1000,
  "mg/g->g/g": 1 / 1000,
};

/** A conversion between units that the toolkit does not know. */
export class UnitConversionError extends Error {
  readonly inputError = true;
  constructor(from: string, to: string) {
    super(`cannot convert ${from} to ${to} (known: g/L, mg/dL, mg/L; mg/mmol, mg/g, g/g)`);
    this.name = "UnitConversionError";
  }
}

/** The factor f with value_in_`to` = f * value_in_`from`. */
export function conversionFactor(from: string, to: string): number {
  if (from === to) return 1;
  const direct = FACTORS[`${from}->${to}`];
  if (direct !== undefined) return direct;
  const inverse = FACTORS[`${to}->${from}`];
  if (inverse !== undefined) return 1 / inverse;
  throw new UnitConversionError(from, to);
}

export function convertUnit(value: number, from: string, to: string): number {
  return value * conversionFactor(from, to);
}

/** The measurements of `feature` converted to unit `to` (value and limit); other rows unchanged. */
export function convertMeasurements(measurements: readonly Measurement[], feature: string, to: string): Measurement[] {
  return measurements.map((m) => {
    if (m.feature !== feature || m.unit === to) return m;
    const f = conversionFactor(m.unit, to);
    return {
      ...m,
      unit: to,
      value: m.value === null ? null : m.value * f,
      limit: m.limit === null ? null : m.limit * f,
    };
  });
}
