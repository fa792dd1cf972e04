import { describe, expect, it } from "vitest";
import {
  SLEDAI2K_DESCRIPTORS,
  clinicalSledai,
  conversionFactor,
  convertMeasurements,
  convertUnit,
  dorisByVisit,
  dorisRemission,
  childhoodLldasSettings,
  LLDAS_2016,
  lldasAtVisit,
  lldasByVisit,
  noDescriptors,
  sledai2k,
  sledaiActivityBand,
  UnitConversionError,
  type ClinicalVisit,
  type Sledai2kDescriptor,
} from "../src/index.js";

function descriptors(...present: Sledai2kDescriptor[]) {
  const d = noDescriptors();
  for (const p of present) d[p] = true;
  return d;
}

function visit(day: number, present: Sledai2kDescriptor[], extra: Partial<ClinicalVisit> = {}): ClinicalVisit {
  const d = descriptors(...present);
  return {
    subject: "007",
    visit: `D${day}`,
    day,
    descriptors: d,
    sledai2k: sledai2k(d),
    clinicalSledai: clinicalSledai(d),
    pga: 0.2,
    prednisoneMgPerDay: 5,
    immunosuppressantsStable: true,
    ...extra,
  };
}

describe("SLEDAI-2K (Gladman et al. 2002)", () => {
  it("scores a worked example: seizure 8 + arthritis 4 + proteinuria 4 + rash 2 + low complement 2 + DNA binding 2 + fever 1 = 23", () => {
    const d = descriptors(
      "seizure",
      "arthritis",
      "proteinuria",
      "rash",
      "lowComplement",
      "increasedDnaBinding",
      "fever"
    );
    expect(sledai2k(d)).toBe(23);
    expect(clinicalSledai(d)).toBe(19);
    expect(sledaiActivityBand(23)).toBe("very high");
    expect(sledaiActivityBand(19)).toBe("high");
  });

  it("has maximum 105 (8 x 8 + 6 x 4 + 7 x 2 + 3 x 1) and 0 with nothing present", () => {
    expect(sledai2k(descriptors(...SLEDAI2K_DESCRIPTORS))).toBe(105);
    expect(clinicalSledai(descriptors(...SLEDAI2K_DESCRIPTORS))).toBe(101);
    expect(sledai2k(noDescriptors())).toBe(0);
  });

  it("weights each descriptor as published", () => {
    const eight = [
      "seizure",
      "psychosis",
      "organicBrainSyndrome",
      "visualDisturbance",
      "cranialNerveDisorder",
      "lupusHeadache",
      "cva",
      "vasculitis",
    ];
    const four = ["arthritis", "myositis", "urinaryCasts", "hematuria", "proteinuria", "pyuria"];
    const two = [
      "rash",
      "alopecia",
      "mucosalUlcers",
      "pleurisy",
      "pericarditis",
      "lowComplement",
      "increasedDnaBinding",
    ];
    const one = ["fever", "thrombocytopenia", "leukopenia"];
    for (const [weight, names] of [
      [8, eight],
      [4, four],
      [2, two],
      [1, one],
    ] as const) {
      for (const n of names) expect(sledai2k(descriptors(n as Sledai2kDescriptor)), n).toBe(weight);
    }
  });

  it("bands activity 0 none, 1-5 mild, 6-10 moderate, 11-19 high, >= 20 very high", () => {
    expect([0, 1, 5, 6, 10, 11, 19, 20, 105].map(sledaiActivityBand)).toEqual([
      "none",
      "mild",
      "mild",
      "moderate",
      "moderate",
      "high",
      "high",
      "very high",
      "very high",
    ]);
  });
});

describe("DORIS 2021 remission (van Vollenhoven et al. 2021)", () => {
  it("allows active serology: low complement + anti-dsDNA (SLEDAI-2K 4, clinical 0), PGA 0.4, prednisone 5 -> remission", () => {
    const v = visit(84, ["lowComplement", "increasedDnaBinding"], { pga: 0.4 });
    expect(v.sledai2k).toBe(4);
    expect(dorisRemission(v).met).toBe(true);
  });

  it("fails on PGA 0.5 (must be < 0.5), on arthritis, and on prednisone 7.5", () => {
    expect(dorisRemission(visit(84, [], { pga: 0.5 })).met).toBe(false);
    expect(dorisRemission(visit(84, ["arthritis"])).met).toBe(false);
    expect(dorisRemission(visit(84, [], { prednisoneMgPerDay: 7.5 })).met).toBe(false);
  });

  it("uses the prednisone comparator setting: 5 mg/day meets '<= 5' but not '< 5'", () => {
    const v = visit(84, []);
    expect(dorisRemission(v).met).toBe(true);
    expect(dorisRemission(v, { prednisoneMax: 5, prednisoneComparator: "<", pgaBelow: 0.5 }).met).toBe(false);
  });

  it("is evaluated at every visit of the bundled-style clinical table", () => {
    expect(dorisByVisit([visit(0, ["arthritis"]), visit(84, [])]).map((r) => r.met)).toEqual([false, true]);
  });

  it("is not assessable (null) when a needed value is missing and nothing fails", () => {
    const r = dorisRemission(visit(84, [], { pga: null }));
    expect(r.met).toBeNull();
    expect(r.criteria.find((c) => c.met === null)?.detail).toBe("PGA not recorded");
    expect(dorisRemission(visit(84, ["rash"], { pga: null })).met).toBe(false);
  });
});

describe("LLDAS (Franklyn et al. 2016)", () => {
  const previous = visit(56, ["rash", "alopecia"], { pga: 1, prednisoneMgPerDay: 7.5 });

  it("met with SLEDAI-2K 4 from rash + alopecia seen before, PGA 1, prednisone 7.5", () => {
    const v = visit(84, ["rash", "alopecia"], { pga: 1, prednisoneMgPerDay: 7.5 });
    expect(v.sledai2k).toBe(4);
    expect(lldasAtVisit(v, previous).met).toBe(true);
  });

  it("fails with major organ activity even at SLEDAI-2K 4 (proteinuria)", () => {
    const v = visit(84, ["proteinuria"], { pga: 1 });
    const r = lldasAtVisit(v, visit(56, ["proteinuria"]));
    expect(r.met).toBe(false);
    expect(r.criteria[0].detail).toBe("SLEDAI-2K 4; major organ: proteinuria");
  });

  it("fails on a new feature compared with the previous assessment", () => {
    const r = lldasAtVisit(visit(84, ["rash", "mucosalUlcers"]), previous);
    expect(r.met).toBe(false);
    expect(r.criteria[1].detail).toBe("new since D56: mucosalUlcers");
  });

  it("fails on SLEDAI-2K 6, PGA 1.2 or prednisone 10", () => {
    expect(
      lldasAtVisit(visit(84, ["rash", "alopecia", "mucosalUlcers"]), visit(56, ["rash", "alopecia", "mucosalUlcers"]))
        .met
    ).toBe(false);
    expect(lldasAtVisit(visit(84, []), visit(56, []), undefined).met).toBe(true);
    expect(lldasAtVisit(visit(84, [], { pga: 1.2 }), visit(56, [])).met).toBe(false);
    expect(lldasAtVisit(visit(84, [], { prednisoneMgPerDay: 10 }), visit(56, [])).met).toBe(false);
  });

  it("needs the previous visit: the first visit is not assessable, later visits compare with the one before", () => {
    const rows = lldasByVisit([visit(28, []), visit(0, ["rash"]), visit(56, ["rash"])]);
    expect(rows.map((r) => [r.day, r.met])).toEqual([
      [0, null],
      [28, true],
      [56, false],
    ]);
  });
});

describe("unit conversions", () => {
  it("C3/C4: 0.9 g/L = 90 mg/dL and back", () => {
    expect(convertUnit(0.9, "g/L", "mg/dL")).toBeCloseTo(90, 12);
    expect(convertUnit(16, "mg/dL", "g/L")).toBeCloseTo(0.16, 14);
  });

  it("uPCR: 50 mg/mmol = 442 mg/g (x 8.84) and back", () => {
    expect(convertUnit(50, "mg/mmol", "mg/g")).toBeCloseTo(442, 10);
    expect(convertUnit(442, "mg/g", "mg/mmol")).toBeCloseTo(50, 10);
    expect(conversionFactor("mg/g", "mg/mmol")).toBeCloseTo(1 / 8.84, 15);
  });

  it("converts a feature's values and limits, leaving other rows alone", () => {
    const rows = convertMeasurements(
      [
        { subject: "1", visit: "D0", day: 0, feature: "c4", value: 0.12, unit: "g/L", censored: null, limit: null },
        { subject: "1", visit: "D7", day: 7, feature: "c4", value: null, unit: "g/L", censored: "<", limit: 0.02 },
        { subject: "1", visit: "D0", day: 0, feature: "c3", value: 0.9, unit: "g/L", censored: null, limit: null },
      ],
      "c4",
      "mg/dL"
    );
    expect(rows.map((r) => [r.feature, r.unit, r.value, r.limit])).toEqual([
      ["c4", "mg/dL", expect.closeTo(12, 12), null],
      ["c4", "mg/dL", null, expect.closeTo(2, 12)],
      ["c3", "g/L", 0.9, null],
    ]);
  });

  it("refuses unknown conversions with a typed input error", () => {
    expect(() => convertUnit(1, "g/L", "mg/mmol")).toThrow(UnitConversionError);
  });
});

describe("childhood LLDAS (cLLDAS): prednisolone <= 0.15 mg/kg/day, at most 7.5 mg/day", () => {
  it("a 30 kg child may take 4.5 mg/day, a 60 kg child 7.5 mg/day (the adult cap), not more", () => {
    expect(childhoodLldasSettings(30).prednisoneMax).toBeCloseTo(4.5, 12);
    expect(childhoodLldasSettings(60).prednisoneMax).toBe(7.5);
    expect(childhoodLldasSettings(30)).toMatchObject({ sledaiMax: LLDAS_2016.sledaiMax, pgaMax: LLDAS_2016.pgaMax });
    expect(() => childhoodLldasSettings(0)).toThrow(RangeError);
  });

  it("5 mg/day meets adult LLDAS but not cLLDAS at 30 kg; lldasByVisit takes settings per subject", () => {
    const visits = [visit(0, []), visit(28, [])];
    const adult = lldasByVisit(visits);
    const child = lldasByVisit(visits, () => childhoodLldasSettings(30));
    expect(adult[1].met).toBe(true);
    expect(child[1].met).toBe(false);
    expect(child[1].criteria.find((c) => c.name.startsWith("prednisone"))?.met).toBe(false);
  });
});
