import type { SingleCellCount } from "../model/study.js";
import type { DelimitedOptions } from "./delimited.js";
import { checkSampleKnown } from "./crossChecks.js";
import type { RowIssues } from "./rowIssues.js";
import { checkSubjectId } from "./subjects.js";
import { readTable } from "./tableReader.js";
import { parseDayCell, parseIntegerCell } from "./values.js";
import { checkVisitDay, type VisitWindows } from "./visits.js";

/**
 * Single-cell cell-type counts: `subject, visit, day, cell_type, count` (a non-negative whole number).
 * One row per subject, day and cell type (a repeat is an error, never summed); the day within its visit's
 * window; the subject known to the subjects table and the sample to the samples table.
 */
export function readSingleCell(
  text: string,
  options: DelimitedOptions & { subjects?: ReadonlySet<string>; windows?: VisitWindows; samples?: ReadonlySet<string> },
  issues: RowIssues
): SingleCellCount[] {
  const seen = new Map<string, number>();
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
      checkSubjectId(subject, options.subjects, issues, r.name("subject"));
      const visit = r.get("visit");
      if (visit === "") issues.add(r.name("visit"), "empty visit");
      const day = parseDayCell(r.get("day"));
      if (!day.ok || day.value === null) issues.add(r.name("day"), day.ok ? "empty day" : day.message);
      const cellType = r.get("cellType");
      if (cellType === "") issues.add(r.name("cellType"), "empty cell type");
      if (day.ok && day.value !== null) {
        if (options.windows !== undefined) checkVisitDay(options.windows, visit, day.value, issues, r.name("visit"), r.name("day"));
        checkSampleKnown(options.samples, subject, day.value, "singlecell", issues, r.name("subject"));
        const key = `${subject}\u0000${day.value}\u0000${cellType}`;
        const first = seen.get(key);
        if (first !== undefined)
          issues.add(
            r.name("cellType"),
            `duplicate of row ${first} (same subject '${subject}', day ${day.value} and cell type '${cellType}')`
          );
        else seen.set(key, r.row);
      }
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
