import type { Haemolysis, Sample } from "../model/study.js";
import type { DelimitedOptions } from "./delimited.js";
import { sampleKey } from "./crossChecks.js";
import { checkSubjectId } from "./subjects.js";
import { checkVisitDay, type VisitWindows } from "./visits.js";
import type { RowIssues } from "./rowIssues.js";
import { readTable } from "./tableReader.js";
import { parseDayCell, parseNumberCell, type DecimalSeparator } from "./values.js";

const HAEMOLYSIS: Record<string, Haemolysis> = {
  none: "none",
  "0": "none",
  no: "none",
  mild: "mild",
  "1": "mild",
  moderate: "moderate",
  "2": "moderate",
  severe: "severe",
  "3": "severe",
};

/** Samples: `sample, subject, visit, day`, `viability` (%), `haemolysis` (none/mild/moderate/severe or 0-3), `volume_ml`. */
export function readSamples(
  text: string,
  options: DelimitedOptions & { decimal: DecimalSeparator; subjects?: ReadonlySet<string>; windows?: VisitWindows },
  issues: RowIssues
): Sample[] {
  const ids = new Map<string, number>();
  const days = new Map<string, { row: number; id: string }>();
  return readTable(
    text,
    options,
    {
      sample: { aliases: ["sample", "sample_id"], required: true },
      subject: { aliases: ["subject", "USUBJID", "subject_id"], required: true },
      visit: { aliases: ["visit", "AVISIT"], required: true },
      day: { aliases: ["day", "ADY", "study_day"], required: true },
      viability: { aliases: ["viability", "viability_pct"], required: false },
      haemolysis: { aliases: ["haemolysis", "hemolysis"], required: false },
      volume: { aliases: ["volume_ml", "volume"], required: false },
    },
    issues,
    (r) => {
      const id = r.get("sample");
      if (id === "") issues.add(r.name("sample"), "empty sample id");
      else if (ids.has(id)) issues.add(r.name("sample"), `duplicate sample '${id}' (also at row ${ids.get(id)})`);
      else ids.set(id, r.row);
      const subject = r.get("subject");
      checkSubjectId(subject, options.subjects, issues, r.name("subject"));
      const visit = r.get("visit");
      if (visit === "") issues.add(r.name("visit"), "empty visit");
      const day = parseDayCell(r.get("day"));
      if (!day.ok) issues.add(r.name("day"), day.message);
      else if (day.value === null) issues.add(r.name("day"), "empty day");
      if (options.windows !== undefined && day.ok && day.value !== null)
        checkVisitDay(options.windows, visit, day.value, issues, r.name("visit"), r.name("day"));
      if (day.ok && day.value !== null) {
        // A sample is identified across files by subject and day: two would make its QC ambiguous.
        const key = sampleKey(subject, day.value);
        const first = days.get(key);
        if (first !== undefined)
          issues.add(
            r.name("day"),
            `sample '${id}' has the subject '${subject}' and day ${day.value} of sample '${first.id}' at row ${first.row}`
          );
        else days.set(key, { row: r.row, id });
      }
      const viability = parseNumberCell(r.get("viability"), options.decimal);
      if (!viability.ok) issues.add(r.name("viability"), viability.message);
      else if (viability.value !== null && (viability.value < 0 || viability.value > 100)) {
        issues.add(r.name("viability"), `viability ${viability.value}% is outside 0-100`);
      }
      const hText = r.get("haemolysis").toLowerCase();
      const haemolysis = hText === "" ? null : HAEMOLYSIS[hText];
      if (haemolysis === undefined)
        issues.add(
          r.name("haemolysis"),
          `haemolysis must be none, mild, moderate or severe (or 0-3), got '${r.get("haemolysis")}'`
        );
      const volume = parseNumberCell(r.get("volume"), options.decimal);
      if (!volume.ok) issues.add(r.name("volume"), volume.message);
      else if (volume.value !== null && volume.value < 0)
        issues.add(r.name("volume"), `negative volume ${volume.value}`);
      return {
        id,
        subject,
        visit,
        day: day.ok && day.value !== null ? day.value : 0,
        viability: viability.ok ? viability.value : null,
        haemolysis: haemolysis ?? null,
        volumeMl: volume.ok ? volume.value : null,
      };
    }
  );
}
