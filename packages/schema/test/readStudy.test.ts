import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  dorisRemission,
  FeatureSchema,
  lldasByVisit,
  ManifestError,
  MeasurementSchema,
  SampleSchema,
  SLEDAI2K_DESCRIPTORS,
  StudyManifestSchema,
  SubjectSchema,
  readStudy,
  simulateCohort,
} from "../src/index.js";
import { folderWith, inputErrorOf } from "./helpers.js";

const bundled = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "datasets", "csle-bite-sim");
const descriptorHeader =
  "seizure,psychosis,organic_brain_syndrome,visual_disturbance,cranial_nerve_disorder,lupus_headache,cva,vasculitis,arthritis,myositis,urinary_casts,hematuria,proteinuria,pyuria,rash,alopecia,mucosal_ulcers,pleurisy,pericarditis,low_complement,increased_dna_binding,fever,thrombocytopenia,leukopenia";

/** A clinical row with the given descriptors present (0/1 in published order). */
function clinicalRow(prefix: string, present: string[], suffix: string): string {
  const cells = descriptorHeader.split(",").map((d) => (present.includes(d) ? "1" : "0"));
  return `${prefix},${cells.join(",")},${suffix}`;
}

const WITH_FEATURES = {
  measurements: "m.csv",
  subjects: "subjects.csv",
  samples: "samples.csv",
  clinical: "clinical.csv",
  features: "features.csv",
};

function studyFolder(extra: Record<string, string> = {}, manifest: Record<string, unknown> = {}): string {
  return folderWith({
    "study.json": JSON.stringify({
      name: "t",
      files: { measurements: "m.csv", subjects: "subjects.csv", samples: "samples.csv", clinical: "clinical.csv" },
      visits: [
        { label: "D0", day: 0 },
        { label: "D28", day: 28, window: [25, 31] },
      ],
      ...manifest,
    }),
    "subjects.csv": "subject,sex,age,weight_kg\n007,F,12,41.5\n010,M,9,\n",
    "samples.csv":
      "sample,subject,visit,day,viability,haemolysis,volume_ml\ns1,007,D0,0,91,none,5\ns2,007,D28,27,64,none,5\ns3,010,D0,0,95,severe,4\n",
    "m.csv": [
      "subject,visit,day,feature,value,unit,censored,limit",
      "007,D0,0,cd4_pct,40,%,,",
      "007,D0,0,c3,0.7,g/L,,",
      "007,D28,27,cd4_pct,42,%,,",
      "007,D28,27,c3,0.9,g/L,,",
      "010,D0,0,cd4_pct,38,%,,",
      "010,D0,0,c3,1.0,g/L,,",
      "010,D0,0,upcr,30,mg/mmol,,",
    ].join("\n"),
    "clinical.csv": [
      `subject,visit,day,${descriptorHeader},sledai2k,pga,prednisone_mg_day`,
      clinicalRow("007,D0,0", ["arthritis", "rash", "low_complement"], "8,1.5,20"),
      clinicalRow("007,D28,27", [], "0,0.2,5"),
    ].join("\n"),
    ...extra,
  });
}

describe("readStudy", () => {
  it("reads the bundled cohort exactly as simulateCohort builds it", () => {
    const study = readStudy(bundled);
    const simulated = simulateCohort({ seed: 20260314 }).study;
    expect({ ...study, source: "" }).toEqual({ ...simulated, source: "" });
    expect(study.source).toBe(join(bundled, "study.json"));
    expect(study.simulated).toBe(true);
  });

  it("returns records that satisfy the exported zod schemas", () => {
    const study = readStudy(bundled);
    for (const m of study.measurements) MeasurementSchema.parse(m);
    for (const f of study.features) FeatureSchema.parse(f);
    for (const s of study.subjects) SubjectSchema.parse(s);
    for (const s of study.samples) SampleSchema.parse(s);
    expect(StudyManifestSchema.parse(JSON.parse(readFileSync(join(bundled, "study.json"), "utf8"))).simulated).toBe(true);
  });

  it("reads a study folder: string ids, covariates, clinical features appended", () => {
    const study = readStudy(studyFolder({}, { exclusion: { minViability: 50, excludeHaemolysis: [] } }));
    expect(study.subjects).toEqual([
      { id: "007", sex: "F", ageAtFirstDose: 12, covariates: { weight_kg: 41.5 } },
      { id: "010", sex: "M", ageAtFirstDose: 9, covariates: { weight_kg: null } },
    ]);
    expect(study.clinical[0]).toMatchObject({ sledai2k: 8, clinicalSledai: 6, pga: 1.5, prednisoneMgPerDay: 20 });
    const clinical = study.measurements.filter(
      (m) =>
        m.subject === "007" &&
        m.visit === "D0" &&
        ["sledai2k", "clinical_sledai", "pga", "prednisone"].includes(m.feature)
    );
    expect(clinical.map((m) => [m.feature, m.value])).toEqual([
      ["sledai2k", 8],
      ["clinical_sledai", 6],
      ["pga", 1.5],
      ["prednisone", 20],
    ]);
    expect(study.exclusions).toEqual([]);
  });

  it("applies the protocol exclusion rules and lists every excluded sample with its reason", () => {
    const study = readStudy(studyFolder());
    expect(study.exclusions).toEqual([
      { sample: "s2", subject: "007", visit: "D28", day: 27, reason: "viability 64% below 70%" },
      { sample: "s3", subject: "010", visit: "D0", day: 0, reason: "severe haemolysis" },
    ]);
    const left = study.measurements.filter(
      (m) => m.feature === "cd4_pct" || m.feature === "c3" || m.feature === "upcr"
    );
    // viability removes cellular features only; haemolysis removes blood features but not urine.
    expect(left.map((m) => `${m.subject}/${m.visit}/${m.feature}`)).toEqual([
      "007/D0/cd4_pct",
      "007/D0/c3",
      "007/D28/c3",
      "010/D0/upcr",
    ]);
  });

  it("errors when the SLEDAI-2K total disagrees with its components, naming the visit", () => {
    const dir = studyFolder({
      "clinical.csv": [
        `subject,visit,day,${descriptorHeader},sledai2k`,
        clinicalRow("007,D0,0", ["arthritis"], "4"),
        clinicalRow("007,D28,27", ["arthritis", "fever"], "4"),
      ].join("\n"),
    });
    const error = inputErrorOf(() => readStudy(dir));
    expect(error.issues).toEqual([
      {
        file: join(dir, "clinical.csv"),
        row: 3,
        column: "sledai2k",
        message: "SLEDAI-2K total 4 disagrees with its descriptors (weighted sum 5) at subject '007' visit 'D28'",
      },
    ]);
  });

  it("accepts a totals-only clinical file: the recorded total kept, what needs the descriptors missing (DORIS, LLDAS criteria 1-2 not assessable)", () => {
    const study = readStudy(
      studyFolder({ "clinical.csv": "subject,visit,day,sledai2k,pga,prednisone_mg_day\n007,D0,0,8,1.5,20\n007,D28,27,2,0.2,5\n" }, { exclusion: { minViability: 50, excludeHaemolysis: [] } }),
    );
    expect(study.clinical.map((c) => [c.visit, c.sledai2k, c.clinicalSledai, c.descriptors])).toEqual([
      ["D0", 8, null, null],
      ["D28", 2, null, null],
    ]);
    expect(dorisRemission(study.clinical[1]).met).toBeNull();
    const lldas = lldasByVisit(study.clinical);
    // D0: total 8 > 4 fails criterion 1 whatever the descriptors; D28: total 2, organs unknown.
    expect(lldas.map((s) => s.criteria[0].met)).toEqual([false, null]);
    expect(lldas.map((s) => s.met)).toEqual([false, null]);
  });

  it("names every missing descriptor column of a clinical file that gives some but not all", () => {
    const dir = studyFolder({ "clinical.csv": "subject,visit,day,seizure,sledai2k\n007,D0,0,0,0\n" });
    const error = inputErrorOf(() => readStudy(dir));
    expect(error.issues).toHaveLength(23);
    expect(error.issues[0]).toMatchObject({ row: 2, column: "psychosis", message: expect.stringMatching(/^missing SLEDAI-2K descriptor column 'psychosis'/) });
  });

  it("gathers the problems of every file in one error", () => {
    const dir = studyFolder({
      "samples.csv": "sample,subject,visit,day,viability,haemolysis\ns1,999,D0,0,91,none\ns2,007,D28,40,120,bad\n",
      "m.csv": "subject,visit,day,feature,value,unit\n007,D0,0,c3,abc,g/L\n",
    });
    const error = inputErrorOf(() => readStudy(dir));
    expect(error.issues.map((i) => [i.file.split("/").at(-1), i.row, i.column])).toEqual([
      ["samples.csv", 2, "subject"],
      ["samples.csv", 3, "day"],
      ["samples.csv", 3, "viability"],
      ["samples.csv", 3, "haemolysis"],
      ["m.csv", 2, "value"],
      ["m.csv", 2, "subject"],
    ]);
  });

  it("checks measurements against the feature metadata and the declared visits", () => {
    const dir = studyFolder(
      {
        "features.csv":
          "feature,label,kind,unit,lloq\ncd4_pct,CD4,frequency,%,\nc3,C3,serology,g/L,0.05\nupcr,uPCR,urine,mg/mmol,\n",
        "m.csv": [
          "subject,visit,day,feature,value,unit",
          "007,D0,0,cd4_pct,40,%",
          "007,D0,0,c3,90,mg/dL",
          "007,D0,0,il6,3,pg/mL",
          "007,W4,27,cd4_pct,41,%",
          "010,D0,0,c3,0.01,g/L",
        ].join("\n"),
      },
      { files: WITH_FEATURES }
    );
    const error = inputErrorOf(() => readStudy(dir));
    // Row 3's 90 mg/dL is converted to the metadata's 0.9 g/L, not refused.
    expect(error.issues.map((i) => [i.row, i.column, i.message])).toEqual([
      [4, "feature", "unknown feature 'il6' (not in the feature metadata)"],
      [5, "visit", "unknown visit 'W4' (not among the declared visits)"],
    ]);
  });

  it("turns a value below the feature's LLOQ into a left-censored value with that limit", () => {
    const dir = studyFolder(
      {
        "features.csv":
          "feature,label,kind,unit,lloq\ncd4_pct,CD4,frequency,%,\nc3,C3,serology,g/L,0.05\nupcr,uPCR,urine,mg/mmol,\n",
        "m.csv": "subject,visit,day,feature,value,unit\n007,D0,0,c3,0.01,g/L\n",
      },
      { files: WITH_FEATURES }
    );
    expect(readStudy(dir).measurements[0]).toMatchObject({ value: null, censored: "<", limit: 0.05 });
  });

  it("names a missing file and a bad manifest", () => {
    const dir = folderWith({ "study.json": JSON.stringify({ name: "t", files: { measurements: "nope.csv" } }) });
    expect(inputErrorOf(() => readStudy(dir)).message).toMatch(/nope\.csv: file not found/);
    const bad = folderWith({ "study.json": JSON.stringify({ name: "t" }) });
    expect(() => readStudy(bad)).toThrow(ManifestError);
    expect(() => readStudy(bad)).toThrow(/study\.json: invalid manifest: files/);
    expect(() => readStudy(join(bad, "absent"))).toThrow(/no such file or folder/);
  });

  it("reads YAML manifests", () => {
    const dir = folderWith({
      "study.yaml": "name: y\nfiles:\n  measurements: m.csv\n",
      "m.csv": "subject,day,feature,value,unit\n1,0,c3,0.7,g/L\n",
    });
    expect(readStudy(dir).measurements[0]).toMatchObject({ visit: "D0", day: 0, value: 0.7 });
  });

  it("names all 24 SLEDAI-2K descriptors in its clinical columns", () => {
    expect(descriptorHeader.split(",")).toHaveLength(SLEDAI2K_DESCRIPTORS.length);
    const header = readFileSync(join(bundled, "clinical.csv"), "utf8").split("\n")[1];
    expect(header).toContain(descriptorHeader);
  });
});
