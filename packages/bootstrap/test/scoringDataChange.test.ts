import { changeFromBaselineCorrelation, spearmanTest } from "@biomarker/correlation";
import { describe, expect, it } from "vitest";
import { scoringData, type LongMeasurement } from "../src/index.js";

/** Four subjects, baseline D0 and landmark D28; feature f below the LLOQ (limit 1) at D28 for s1 and s2. */
function rows(): LongMeasurement[] {
  const base = [100, 80, 60, 40];
  const landmark = [null, null, 30, 35];
  const y0 = [10, 8, 9, 12];
  const y28 = [2, 4, 6, 5];
  return base.flatMap((b, i) => {
    const subject = `s${i + 1}`;
    return [
      { subject, visit: "D0", day: 0, feature: "f", value: b },
      { subject, visit: "D28", day: 28, feature: "f", value: landmark[i], censored: landmark[i] === null, limit: landmark[i] === null ? 1 : null },
      { subject, visit: "D0", day: 0, feature: "y", value: y0[i] },
      { subject, visit: "D28", day: 28, feature: "y", value: y28[i] },
    ];
  });
}

describe("scoringData's change from baseline", () => {
  it("enters a change to a value below the LLOQ as a bound ranked tied at the bottom, as changeFromBaselineCorrelation", () => {
    const data = scoringData(rows(), { outcome: "y", landmark: "D28" });
    const f = data.change.features[0].values;
    // s1, s2: at most 1 - 100 and 1 - 80, below the observed -30 and -5: one tie below.
    expect(f[0]).toBe(f[1]);
    expect(f[0]! < -30).toBe(true);
    expect(f.slice(2)).toEqual([30 - 60, 35 - 40]);
    expect(data.censoredChanges).toEqual([{ name: "f", tiedBelow: 2, tiedAbove: 0, leftOut: 0 }]);
    const m = rows();
    const x = m.filter((r) => r.feature === "f");
    const y = m.filter((r) => r.feature === "y");
    const direct = changeFromBaselineCorrelation(
      {
        subject: x.map((r) => r.subject),
        visit: x.map((r) => r.visit),
        x: x.map((r) => (r.censored ? (r.limit as number) : r.value)),
        y: y.map((r) => r.value),
        censoredX: x.map((r) => r.censored === true),
      },
      { baselineVisit: "D0", visit: "D28" },
    );
    expect(spearmanTest(f, data.change.outcome).estimate).toBe(direct.result.estimate);
  });
});
