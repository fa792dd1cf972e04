import { FeatureKindSchema, type Feature } from "../model/study.js";
import type { DelimitedOptions } from "./delimited.js";
import type { RowIssues } from "./rowIssues.js";
import { readTable } from "./tableReader.js";
import { canonicalUnit } from "./units.js";
import { parseNumberCell, type DecimalSeparator } from "./values.js";

/** Feature metadata: `feature, label, kind, panel, gate_path, parent, unit, lloq`. */
export function readFeatures(
  text: string,
  options: DelimitedOptions & { decimal: DecimalSeparator; extraUnits?: ReadonlySet<string> },
  issues: RowIssues
): Feature[] {
  const ids = new Map<string, number>();
  return readTable(
    text,
    options,
    {
      feature: { aliases: ["feature", "PARAMCD", "feature_id"], required: true },
      label: { aliases: ["label", "PARAM"], required: false },
      kind: { aliases: ["kind"], required: true },
      panel: { aliases: ["panel"], required: false },
      gatePath: { aliases: ["gate_path", "gatePath"], required: false },
      parent: { aliases: ["parent"], required: false },
      unit: { aliases: ["unit"], required: true },
      lloq: { aliases: ["lloq"], required: false },
    },
    issues,
    (r) => {
      const id = r.get("feature");
      if (id === "") issues.add(r.name("feature"), "empty feature id");
      else if (ids.has(id)) issues.add(r.name("feature"), `duplicate feature '${id}' (also at row ${ids.get(id)})`);
      else ids.set(id, r.row);
      const kind = FeatureKindSchema.safeParse(r.get("kind"));
      if (!kind.success)
        issues.add(
          r.name("kind"),
          `kind must be one of ${FeatureKindSchema.options.join(", ")}, got '${r.get("kind")}'`
        );
      // Any unit is accepted (log(cm^3), mcg/mL, ...) and carried to tables and figures.
      const unit = canonicalUnit(r.get("unit"));
      const lloq = parseNumberCell(r.get("lloq"), options.decimal);
      if (!lloq.ok) issues.add(r.name("lloq"), lloq.message);
      else if (lloq.value !== null && lloq.value < 0) issues.add(r.name("lloq"), `negative LLOQ ${lloq.value}`);
      const orNull = (s: string) => (s === "" ? null : s);
      return {
        id,
        label: r.get("label") || id,
        kind: kind.success ? kind.data : "other",
        panel: orNull(r.get("panel")),
        gatePath: orNull(r.get("gatePath")),
        parent: orNull(r.get("parent")),
        unit,
        lloq: lloq.ok ? lloq.value : null,
      };
    }
  );
}
