/**
 * Units the readers accept. Spellings of micro (µ, μ) are written as "u"; everything else is kept as
 * given. A value in any of these units is non-negative; "%" is also at most 100.
 */
const KNOWN_UNITS = new Set([
  "%",
  "cells/uL",
  "/uL",
  "10^9/L",
  "x10^9/L",
  "events",
  "cells",
  "count",
  "g/L",
  "mg/dL",
  "mg/L",
  "ug/mL",
  "ng/mL",
  "pg/mL",
  "IU/mL",
  "U/mL",
  "kIU/L",
  "mg/mmol",
  "mg/g",
  "g/g",
  "mg/mg",
  "g/day",
  "mg/day",
  "mg/kg/day",
  "score",
  "0-3",
  "ratio",
  "MFI",
  "1",
  "",
]);

export function canonicalUnit(unit: string): string {
  return unit.trim().replace(/[µμ]/g, "u");
}

/** True when `unit` (canonical spelling) is known, or listed in `extra`. */
export function isKnownUnit(unit: string, extra?: ReadonlySet<string>): boolean {
  return KNOWN_UNITS.has(unit) || (extra !== undefined && extra.has(unit));
}

export function knownUnitList(): string {
  return [...KNOWN_UNITS].filter((u) => u !== "").join(", ");
}

/** A problem with a value given its unit, or null: negative values, percentages above 100. */
export function unitRangeProblem(value: number, unit: string): string | null {
  if (unit === "%") {
    if (value < 0) return `negative percentage ${value}`;
    if (value > 100) return `percentage ${value} is above 100`;
    return null;
  }
  if (value < 0) {
    const isCount =
      unit === "cells/uL" ||
      unit === "/uL" ||
      unit === "10^9/L" ||
      unit === "x10^9/L" ||
      unit === "events" ||
      unit === "cells" ||
      unit === "count";
    return isCount ? `negative count ${value} ${unit}` : `negative value ${value}${unit === "" ? "" : ` ${unit}`}`;
  }
  return null;
}

/** Units of one quantity, each with its size in the family's first unit. */
const UNIT_FAMILIES: readonly Readonly<Record<string, number>>[] = [
  { "g/L": 1, "mg/dL": 0.01, "mg/L": 1e-3, "ug/mL": 1e-3, "ng/mL": 1e-6, "pg/mL": 1e-9 },
  { "cells/uL": 1, "/uL": 1, "10^9/L": 1000, "x10^9/L": 1000 },
  { "IU/mL": 1, "kIU/L": 1 },
];

/**
 * The factor that converts a value in `from` to `to` (1 mg/dL = 0.01 g/L; 1 x10^9/L = 1000 cells/uL;
 * 1 kIU/L = 1 IU/mL), 1 for equal units, null when the units measure different things.
 */
export function unitFactor(from: string, to: string): number | null {
  if (from === to) return 1;
  for (const family of UNIT_FAMILIES) {
    const a = family[from];
    const b = family[to];
    if (a !== undefined && b !== undefined) return a / b;
  }
  return null;
}

/** Units whose values are counts. */
const COUNT_UNITS = new Set(["cells/uL", "/uL", "10^9/L", "x10^9/L"]);

/**
 * The feature kind a unit implies when there is no feature metadata: % frequency, cells/uL count,
 * concentrations serology, protein/creatinine ratios urine, scores clinical.
 */
export function kindOfUnit(unit: string): "frequency" | "count" | "serology" | "urine" | "clinical" | "other" {
  if (unit === "%") return "frequency";
  if (COUNT_UNITS.has(unit)) return "count";
  if (["g/L", "mg/dL", "mg/L", "IU/mL", "U/mL", "kIU/L", "ug/mL", "ng/mL", "pg/mL"].includes(unit)) return "serology";
  if (["mg/mmol", "mg/g", "g/g", "mg/mg", "g/day"].includes(unit)) return "urine";
  if (unit === "score" || unit === "0-3" || unit === "mg/day") return "clinical";
  return "other";
}
