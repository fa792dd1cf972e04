import type { Results } from "../results.js";

/** Default section headings (without numbers); a plan's `sections` replaces any of them. */
const defaultTitles = {
  cohort: "Cohort",
  clinical: "Clinical course",
  dynamics: "Immune dynamics",
  reconstitution: "B-cell depletion and reconstitution",
  associations: "Immune-clinical associations",
  biomarkers: "Candidate biomarkers",
  singleCell: "Single-cell subset",
  methods: "Methods and provenance",
} as const;

export type SectionKey = keyof typeof defaultTitles;

/**
 * Numbered section headings shared by the HTML and Markdown renderers, titled by the plan; null for a
 * section the plan does not ask for (no clinical variables, no threshold analysis, no outcomes, no
 * single-cell counts). Numbers run over the sections shown.
 */
export function sectionHeadings(r: Results): Record<SectionKey, string | null> {
  const plan = r.methods.plan;
  const hasOutcomes = (plan.outcomes ?? []).length > 0;
  const shown: Record<SectionKey, boolean> = {
    cohort: true,
    clinical: plan.clinical !== undefined,
    dynamics: true,
    reconstitution: r.reconstitution !== null,
    associations: hasOutcomes,
    biomarkers: hasOutcomes,
    singleCell: r.singleCell.compositions.length > 0,
    methods: true,
  };
  let n = 0;
  const headings = {} as Record<SectionKey, string | null>;
  for (const key of Object.keys(defaultTitles) as SectionKey[]) {
    headings[key] = shown[key] ? `${++n}. ${plan.sections?.[key] ?? defaultTitles[key]}` : null;
  }
  return headings;
}
