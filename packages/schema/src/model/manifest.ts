import { z } from "zod";
import { TEXT_ENCODINGS } from "../read/inputFile.js";
import { ExclusionRulesSchema, VisitDefinitionSchema } from "./study.js";

/**
 * The study manifest (`study.json`): names the files of a study folder and records the settings used to
 * read it. Paths are relative to the manifest and stay inside its folder. Every object is strict: an
 * unknown key (a typo such as `minViabilty`) is an error naming its key path, never a silent default.
 */
export const StudyManifestSchema = z.strictObject({
  name: z.string().min(1),
  simulated: z.boolean().default(false),
  description: z.string().default(""),
  files: z.strictObject({
    measurements: z.string().min(1),
    subjects: z.string().min(1).optional(),
    samples: z.string().min(1).optional(),
    features: z.string().min(1).optional(),
    clinical: z.string().min(1).optional(),
    singlecell: z.string().min(1).optional(),
  }),
  format: z
    .strictObject({
      /** Field delimiter; "auto" detects `,` `;` or tab from the header line. */
      delimiter: z.enum([",", ";", "\t", "auto"]).default("auto"),
      /** Decimal separator; a decimal comma is only accepted when declared here. */
      decimal: z.enum([".", ","]).default("."),
      /** Layout of the measurements file: canonical long, wide (one row per sample), or a FlowJo table. */
      layout: z.enum(["long", "wide", "flowjo"]).default("long"),
      /** FlowJo: a regular expression on the sample name with named groups subject, visit (and day). */
      samplePattern: z.string().optional(),
      /** Text encoding of the data files; absent: UTF-8 (with or without BOM). */
      encoding: z.enum(TEXT_ENCODINGS).optional(),
      /** Prefix of the comment lines allowed before each file's header; absent: "#"; null allows none. */
      comment: z.string().min(1).nullable().optional(),
    })
    .default({ delimiter: "auto", decimal: ".", layout: "long" }),
  /** Units accepted besides the built-in list. */
  units: z.array(z.string()).default([]),
  visits: z.array(VisitDefinitionSchema.strict()).default([]),
  exclusion: ExclusionRulesSchema.strict().default({ minViability: 70, excludeHaemolysis: ["severe"] }),
  clinical: z
    .strictObject({
      /** SLEDAI-2K scoring window in days (recorded; 30 days in Gladman 2002). */
      scoringWindowDays: z.number().int().positive().default(30),
    })
    .default({ scoringWindowDays: 30 }),
  /** How the data were generated (the simulator writes its command, seed and sizes here). */
  generator: z.record(z.string(), z.unknown()).optional(),
});
export type StudyManifest = z.infer<typeof StudyManifestSchema>;
export type StudyManifestInput = z.input<typeof StudyManifestSchema>;
