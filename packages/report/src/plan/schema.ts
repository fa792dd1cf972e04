import { familyMethods } from "@biomarker/multiple-testing";
import { z } from "zod";

/**
 * The analysis plan: every choice the report makes, in one validated document (JSON or YAML).
 * Feature lists take feature ids or simple `*` wildcards (`CD19*`); nothing in a plan is evaluated.
 * The default for every key is documented in docs/plan.md.
 */
const visitLabel = z.string().min(1, "must be a non-empty visit label");
const featurePattern = z.string().min(1, "must be a non-empty feature id or * pattern");
const level = z.number().gt(0, "must be between 0 and 1").lt(1, "must be between 0 and 1");

const featureGroup = z.strictObject({
  name: z.string().min(1),
  features: z.array(featurePattern).min(1, "must list at least one feature"),
  /** Applied to the value before modelling; censored values stay censored at the transformed limit. */
  transform: z.enum(["none", "log", "log2", "log10", "logit", "asin-sqrt"]).default("none"),
  /**
   * lme4 formula with the columns `value`, `visit`, `day`, `subject` and any subject covariate (`sex`,
   * `age` and every other subjects.csv column, e.g. `arm`); parsed by @biomarker/lmm, never evaluated.
   */
  formula: z.string().min(1).default("value ~ visit + (1 | subject)"),
});

const reconstitutionThreshold = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("lloq") }),
  z.strictObject({ kind: z.literal("absolute"), value: z.number().positive() }),
  z.strictObject({ kind: z.literal("fraction-of-baseline"), value: z.number().gt(0).max(1) }),
]);

/** The kinds of test the report makes; each belongs to at most one multiplicity family. */
export const familyTests = ["changes", "associations.within", "associations.rmcorr", "associations.spearman-change"] as const;
export type FamilyTests = (typeof familyTests)[number];

const family = z.strictObject({
  name: z.string().min(1),
  /** The question the family answers, shown with its result. */
  question: z.string().min(1),
  tests: z.array(z.enum(familyTests)).min(1, "must list at least one kind of test"),
  /** Default: multiplicity.method. */
  method: z.enum(familyMethods).optional(),
});

export const defaultFamilies: z.input<typeof family>[] = [
  { name: "changes from baseline", question: "Which features change from baseline, at which visit?", tests: ["changes"] },
  {
    name: "within-subject associations",
    question: "Which features move with an outcome within subjects, beyond the time course they share with it?",
    tests: ["associations.within"],
  },
  {
    name: "repeated-measures correlations",
    question: "Which features correlate with an outcome over all visits (shared time trends included)?",
    tests: ["associations.rmcorr"],
  },
  {
    name: "change correlations",
    question: "Does a feature's change from baseline to the landmark correlate with the outcome's change?",
    tests: ["associations.spearman-change"],
  },
];

export const planSchema = z.strictObject({
  version: z.literal(1),
  title: z.string().min(1).default("Biomarker analysis report"),
  /** Seed for every resampling step; sub-streams are derived per feature with deriveSeed. */
  seed: z.number().int().min(0).max(4294967295).default(20261125),
  visits: z.strictObject({
    /** Display and factor-level order; default: visits ordered by their median study day. */
    order: z.array(visitLabel).min(1).optional(),
    /** Reference level of the visit factor and of every change from baseline. */
    baseline: visitLabel,
    /** The visit at which change-from-baseline associations and biomarker scores are computed. */
    landmark: visitLabel,
  }),
  featureGroups: z.array(featureGroup).min(1, "must list at least one feature group"),
  /** Clinical variables plotted per subject over time (feature ids of the measurement table); absent: no clinical-course section. */
  clinical: z
    .strictObject({
      features: z.array(featurePattern).min(1),
    })
    .optional(),
  /**
   * Outcomes that the features are correlated with and scored against; absent or empty: no association and
   * biomarker sections.
   */
  outcomes: z.array(z.strictObject({ feature: z.string().min(1), label: z.string().min(1).optional() })).optional(),
  /** Unit in which figures label time (data are in days): "d" (default), "h", "min", "w" or "y". */
  timeUnit: z.enum(["min", "h", "d", "w", "y"]).optional(),
  /** Time axis of the figures: "linear" (default) or "compressed" (symmetric log, labelled as such). */
  timeScale: z.enum(["linear", "compressed"]).optional(),
  /** Section headings replacing the defaults (numbers are added); e.g. `dynamics: Laboratory course`. */
  sections: z
    .strictObject({
      cohort: z.string().min(1).optional(),
      clinical: z.string().min(1).optional(),
      dynamics: z.string().min(1).optional(),
      reconstitution: z.string().min(1).optional(),
      associations: z.string().min(1).optional(),
      biomarkers: z.string().min(1).optional(),
      singleCell: z.string().min(1).optional(),
      methods: z.string().min(1).optional(),
    })
    .optional(),
  /**
   * Values below the LLOQ in methods that need a number (the LMM, rmcorr): replaced by half the limit
   * (default), by the limit, or left out. Rank methods (Spearman) always rank them as ties at the bottom.
   */
  censoring: z
    .strictObject({ linearMethods: z.enum(["half-lloq", "lloq", "exclude"]).default("half-lloq") })
    .default({ linearMethods: "half-lloq" }),
  lmm: z
    .strictObject({
      ddf: z.enum(["satterthwaite", "kenward-roger", "none"]).default("kenward-roger"),
      confLevel: level.default(0.95),
    })
    .default({ ddf: "kenward-roger", confLevel: 0.95 }),
  /**
   * Time below and recovery above a threshold for one feature (e.g. B-cell depletion and reconstitution);
   * absent: no such section.
   */
  reconstitution: z.strictObject({
    feature: z.string().min(1),
    threshold: reconstitutionThreshold.default({ kind: "lloq" }),
    /** Naive and memory subsets (summed within each list) for the phenotype at reconstitution. */
    naiveFeatures: z.array(z.string().min(1)).default([]),
    memoryFeatures: z.array(z.string().min(1)).default([]),
  }).optional(),
  associations: z
    .strictObject({
      /** "within" (the primary model) first: the visit-adjusted within-subject slope. */
      methods: z.array(z.enum(["within", "rmcorr", "spearman-change"])).min(1).default(["within", "rmcorr", "spearman-change"]),
      pValue: z.enum(["auto", "exact", "asymptotic", "permutation"]).default("auto"),
      /** Denominator df of the within model's test. */
      ddf: z.enum(["satterthwaite", "kenward-roger"]).default("satterthwaite"),
      /**
       * Pairs with no association by design (e.g. a protocol-tapered dose against disease activity): analysed
       * by every method, shown beside the results, never part of a discovery family.
       */
      negativeControls: z
        .array(z.strictObject({ x: z.string().min(1), y: z.string().min(1), reason: z.string().min(1).optional() }))
        .default([]),
    })
    .default({ methods: ["within", "rmcorr", "spearman-change"], pValue: "auto", ddf: "satterthwaite", negativeControls: [] }),
  multiplicity: z
    .strictObject({
      /** Procedure of every family without its own: "auto" = BH (continuous and exact discrete tests). */
      method: z.enum(familyMethods).default("auto"),
      level: level.default(0.05),
      /** One family per question; each kind of test in at most one family. */
      families: z
        .array(family)
        .min(1)
        .default(defaultFamilies as never)
        .superRefine((families, ctx) => {
          const seen = new Map<string, number>();
          families.forEach((f, i) =>
            f.tests.forEach((t, j) => {
              const first = seen.get(t);
              if (first !== undefined) ctx.addIssue({ code: "custom", path: [i, "tests", j], message: `"${t}" is already in family ${first} (${families[first].name}); a test belongs to one family` });
              seen.set(t, i);
            }),
          );
        }),
    })
    .default({ method: "auto", level: 0.05, families: defaultFamilies as never }),
  bootstrap: z
    .strictObject({
      /** "auto": exact enumeration when the number of distinct resamples is small enough, else Monte Carlo. */
      replicates: z.union([z.literal("auto"), z.literal("exact"), z.number().int().min(10)]).default("auto"),
      confLevel: level.default(0.95),
      topK: z.number().int().min(1).default(5),
    })
    .default({ replicates: "auto", confLevel: 0.95, topK: 5 }),
  singleCell: z
    .strictObject({
      /** Cell types (ids or * patterns) of the single-cell counts; default all. */
      cellTypes: z.array(featurePattern).min(1).default(["*"]),
    })
    .default({ cellTypes: ["*"] }),
});

/** A validated plan with every default filled in. */
export type AnalysisPlan = z.output<typeof planSchema>;
/** What a plan file may contain (defaults may be omitted). */
export type AnalysisPlanInput = z.input<typeof planSchema>;
