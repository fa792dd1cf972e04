import { z } from "zod";
import { ExclusionRulesSchema, VisitDefinitionSchema } from "./study.js";

/**
 * The study manifest (`study.json`): names the files of a study folder and records the settings used to
 * read it. Paths are relative to the manifest.
 */
export const StudyManifestSchema = z.object({
  name: z.string().min(1),
  simulated: z.boolean().default(false),
  description: z.string().default(""),
  files: z.object({
    measurements: z.string().min(1),
    subjects: z.string().min(1).optional(),
    samples: z.string().min(1).optional(),
    features: z.string().min(1).optional(),
    clinical: z.string().min(1).optional(),
    singlecell: z.string().min(1).optional(),
  }),
  format: z
    .object({
      /** Field delimiter; "auto" detects `,` `;` or tab from the header line. */
      delimiter: z.enum([",", ";", "\t", "auto"]).default("auto"),
      /** Decimal separator; a decimal comma is only accepted when declared here. */
      decimal: z.enum([".", ","]).default("."),
      /** Layout of the measurements file: canonical long, wide (one row per sample), or a FlowJo table. */
      layout: z.enum(["long", "wide", "flowjo"]).default("long"),
      /** FlowJo: a regular expression on the sample name with named groups subject, visit (and day). */
      samplePattern: z.string().optional(),
    })
    .default({ delimiter: "auto", decimal: ".", layout: "long" }),
  /** Units accepted besides the built-in list. */
  units: z.array(z.string()).default([]),
  visits: z.array(VisitDefinitionSchema).default([]),
  exclusion: ExclusionRulesSchema.default({ minViability: 70, excludeHaemolysis: ["severe"] }),
  clinical: z
    .object({
      /** SLEDAI-2K scoring window in days (recorded; 30 days in Gladman 2002). */
      scoringWindowDays: z.number().int().positive().default(30),
    })
    .default({ scoringWindowDays: 30 }),
  /** How the data were generated (the simulator writes its command, seed and sizes here). */
  generator: z.record(z.string(), z.unknown()).optional(),
});
export type StudyManifest = z.infer<typeof StudyManifestSchema>;
export type StudyManifestInput = z.input<typeof StudyManifestSchema>;
