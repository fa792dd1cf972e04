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
