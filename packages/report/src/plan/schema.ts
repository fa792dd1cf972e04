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
  /** lme4 formula with the columns `value`, `visit`, `day`, `subject`; parsed by @biomarker/lmm, never evaluated. */
  formula: z.string().min(1).default("value ~ visit + (1 | subject)"),
});

const reconstitutionThreshold = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("lloq") }),
  z.strictObject({ kind: z.literal("absolute"), value: z.number().positive() }),
  z.strictObject({ kind: z.literal("fraction-of-baseline"), value: z.number().gt(0).max(1) }),
]);

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
  clinical: z.strictObject({
    /** Clinical variables plotted per subject over time (feature ids of the measurement table). */
    features: z.array(featurePattern).min(1),
  }),
  /** Clinical outcomes that immune features are correlated with and scored against. */
  outcomes: z
    .array(z.strictObject({ feature: z.string().min(1), label: z.string().min(1).optional() }))
    .min(1, "must list at least one outcome"),
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
      /**
       * Residual covariance of the primary model: the random intercept alone (compound symmetry), + nlme's
       * corCAR1(~ day | subject), + varIdent(~ 1 | visit), or the lowest REML AIC of the three per feature.
       * Structured models need the formula value ~ visit + (1 | subject) and use Satterthwaite df.
       */
      covariance: z.enum(["random-intercept", "corCAR1", "varIdent", "lowest-aic"]).default("random-intercept"),
    })
    .default({ ddf: "kenward-roger", confLevel: 0.95, covariance: "random-intercept" }),
  reconstitution: z.strictObject({
    feature: z.string().min(1),
    threshold: reconstitutionThreshold.default({ kind: "lloq" }),
    /** Naive and memory subsets (summed within each list) for the phenotype at reconstitution. */
    naiveFeatures: z.array(z.string().min(1)).default([]),
    memoryFeatures: z.array(z.string().min(1)).default([]),
  }),
  associations: z
    .strictObject({
      methods: z.array(z.enum(["rmcorr", "spearman-change"])).min(1).default(["rmcorr", "spearman-change"]),
      pValue: z.enum(["auto", "exact", "asymptotic", "permutation"]).default("auto"),
    })
    .default({ methods: ["rmcorr", "spearman-change"], pValue: "auto" }),
  multiplicity: z
    .strictObject({
      method: z.enum(["dbh", "BH", "BY", "holm", "hochberg", "hommel", "bonferroni", "none"]).default("dbh"),
      level: level.default(0.05),
    })
    .default({ method: "dbh", level: 0.05 }),
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
