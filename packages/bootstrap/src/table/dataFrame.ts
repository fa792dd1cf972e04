import { BootstrapInputError } from "../errors.js";

/**
 * Column data as @biomarker/schema hands it around (`readDataTable(...).columns`): data row k (0-based) is
 * row k + 2 of its file (the header is row 1).
 */
export type DataFrame = Record<string, readonly (number | string | null)[]>;

/**
 * The column `name` as numbers (null and NaN = missing). Cells are not parsed here: a text cell means the
 * table was not read as numbers (readDataTable with `columns: { [name]: "number" }`), an input error naming it.
 */
export function numericColumn(frame: DataFrame, name: string, source: string): (number | null)[] {
  const column = frame[name];
  if (column === undefined) {
    throw new BootstrapInputError(`${source}, row 1: no column '${name}'; the columns are ${Object.keys(frame).join(", ")}`);
  }
  return column.map((cell, k) => {
    if (typeof cell === "string") {
      throw new BootstrapInputError(`${source}, row ${k + 2}, column '${name}': '${cell}' is not a number`);
    }
    return cell === null || Number.isNaN(cell) ? null : cell;
  });
}
