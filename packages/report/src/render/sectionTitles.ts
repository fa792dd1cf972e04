/** Section headings, shared by the HTML and Markdown renderers. */
export const sectionTitles = {
  cohort: "1. Cohort",
  clinical: "2. Clinical course",
  dynamics: "3. Immune dynamics",
  reconstitution: "4. B-cell depletion and reconstitution",
  associations: "5. Immune-clinical associations",
  biomarkers: "6. Candidate biomarkers",
  singleCell: "7. Single-cell subset",
  methods: "8. Methods and provenance",
} as const;
