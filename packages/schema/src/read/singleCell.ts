import type { SingleCellCount } from "../model/study.js";
import type { DelimitedOptions } from "./delimited.js";
import type { RowIssues } from "./rowIssues.js";
import { readTable } from "./tableReader.js";
import { parseIntegerCell } from "./values.js";

/** Single-cell cell-type counts: `subject, visit, day, cell_type, count` (a non-negative whole number). */
export function readSingleCell(
  text: string,
  options: DelimitedOptions & { subjects?: ReadonlySet<string> },
  issues: RowIssues
): SingleCellCount[] {
  return readTable(
    text,
    options,
    {
      subject: { aliases: ["subject", "USUBJID"], required: true },
      visit: { aliases: ["visit", "AVISIT"], required: true },
      day: { aliases: ["day", "ADY"], required: true },
      cellType: { aliases: ["cell_type", "celltype", "cellType"], required: true },
      count: { aliases: ["count", "n_cells"], required: true },
    },
    issues,
    (r) => {
      const subject = r.get("subject");
      if (options.subjects !== undefined && !options.subjects.has(subject)) {
        issues.add(r.name("subject"), `unknown subject '${subject}' (not in the subjects table)`);
      }
      const day = parseIntegerCell(r.get("day"));
      if (!day.ok || day.value === null) issues.add(r.name("day"), day.ok ? "empty day" : day.message);
      if (r.get("cellType") === "") issues.add(r.name("cellType"), "empty cell type");
      const count = parseIntegerCell(r.get("count"));
      if (!count.ok || count.value === null)
        issues.add(r.name("count"), count.ok ? "empty count" : `'${r.get("count")}' is not a whole number of cells`);
      else if (count.value < 0) issues.add(r.name("count"), `negative count ${count.value}`);
      return {
        subject,
        visit: r.get("visit"),
        day: day.ok && day.value !== null ? day.value : 0,
        cellType: r.get("cellType"),
        count: count.ok && count.value !== null ? count.value : 0,
      };
    }
  );
}
