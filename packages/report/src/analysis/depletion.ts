import type { CensoredNumber } from "@biomarker/schema";
import type { AnalysisPlan } from "../plan/schema.js";
import type { DepletionSummary } from "../results.js";
import type { StudyMeasurement } from "../study/model.js";
import { compareText } from "../study/select.js";
import { signTestPValue } from "./signTest.js";
import { featureChanges, type Transform } from "./values.js";

/** Base of a log transform (the fall from baseline is 1 - base^change), or null. */
function logBase(transform: Transform): number | null {
  return transform === "log10" ? 10 : transform === "log2" ? 2 : transform === "log" ? Math.E : null;
}

/** The largest value the change is certainly below (observed value or "at most" bound); null when not bounded above. */
function upperBound(c: CensoredNumber): number | null {
  return c.kind === "observed" ? c.value : c.kind === "at-most" ? c.bound : null;
}

/**
 * Depletion of one feature after dosing, from @biomarker/schema's censored changes from baseline:
 * per subject, the post-dose samples below the LLOQ (k of n) and the largest fall from baseline the data
 * guarantee (the most negative upper bound of a post-dose change; on a log scale the fall 1 - base^bound,
 * e.g. log10(0.5) - log10(222) = -2.65: a fall of at least 99.8%); per post-dose visit, an exact sign
 * test across subjects: a change is certainly a decrease when its upper bound is < 0, certainly an
 * increase when its lower bound is > 0, and undetermined otherwise (then left out of the test).
 */
export function depletionSummary(
  feature: string,
  measurements: readonly StudyMeasurement[],
  transform: Transform,
  plan: AnalysisPlan,
  visits: readonly { visit: string; day: number }[],
): DepletionSummary {
  const changes = featureChanges(measurements, transform, plan).filter((c) => c.day > 0 && !c.isBaseline);
  const base = logBase(transform);
  const subjects = [...new Set(measurements.map((m) => m.subject))].sort(compareText).map((subject) => {
    const post = measurements.filter((m) => m.subject === subject && m.day > 0 && (m.censored || m.value !== null));
    let best: { bound: number; visit: string } | null = null;
    for (const c of changes) {
      if (c.subject !== subject) continue;
      const u = upperBound(c.change);
      if (u !== null && u < 0 && (best === null || u < best.bound)) best = { bound: u, visit: c.visit };
    }
    return {
      subject,
      belowLloq: post.filter((m) => m.censored).length,
      measured: post.length,
      changeBound: best?.bound ?? null,
      guaranteedFall: best === null || base === null ? null : 1 - base ** best.bound,
      visit: best?.visit ?? null,
    };
  });
  const visitRows = visits
    .filter((v) => v.day > 0)
    .map(({ visit, day }) => {
      let decreased = 0;
      let increased = 0;
      let undetermined = 0;
      for (const c of changes) {
        if (c.visit !== visit || c.change.kind === "missing") continue;
        const x = c.change;
        if ((x.kind === "observed" && x.value < 0) || (x.kind === "at-most" && x.bound < 0)) decreased++;
        else if ((x.kind === "observed" && x.value > 0) || (x.kind === "at-least" && x.bound > 0)) increased++;
        else undetermined++;
      }
      return { visit, day, decreased, increased, undetermined, pValue: signTestPValue(decreased, decreased + increased) };
    })
    .filter((v) => v.decreased + v.increased + v.undetermined > 0);
  return { feature, transform, subjects, visits: visitRows };
}
