import { createRandomStream, deriveSeed, type RandomStream } from "@biomarker/numerics";
import type { ReportStudy, StudyMeasurement } from "@biomarker/report";

/**
 * A second data-generating process for validating the biomarker score, written independently of
 * @biomarker/schema's simulateCohort and built differently on purpose (docs/scoring.md, "Validation"):
 *
 * - visits: nominal days -14, 0, 4, 11, 28, 42, 70, 100, 140, each subject's actual day jittered by up to
 *   15% of the nominal day (labels stay nominal);
 * - disease activity a_i(t) = m_i(t) + d_i(t), clipped at 0: a subject-specific nonlinear mean
 *   m_i(t) = A_i (r_i + (1 - r_i) exp(-t / tau_i)) for t > 0 (A_i before dosing), plus, in 40% of subjects,
 *   a Gaussian flare F_i exp(-((t - t_i) / 12)^2); and a within-subject deviation d_i(t), a stationary
 *   Ornstein-Uhlenbeck (continuous-time AR(1)) process with SD 0.25 and correlation exp(-dt / 15 days);
 * - outcome "activity_index" = round(12 a + N(0, 1)), clipped at 0: an integer score;
 * - candidate features on the log scale, each with its own subject level and AR(1) noise (SD 0.3,
 *   correlation exp(-dt / 30)):
 *     "activity" trackers   log x = mu_i + beta a_i(t) + e    (|beta| 0.1-1, sign random),
 *     "deviation" trackers  log x = mu_i + beta d_i(t) + e    (|beta| 0.3-1.5: tied to the outcome only through
 *                                                               within-subject deviations, not the trend),
 *     "time-trend" features log x = mu_i + gamma g(t) + e    (a treatment trough g shared by all subjects,
 *                                                               unrelated to activity: a confounder of time),
 *     "one-subject" features log x = mu_i + 4 beta a_i(t) + e in one random subject, mu_i + e in the others
 *                                                              (an association made by one patient),
 *     "noise" features      log x = mu_i + e;
 *   values are reported as counts exp(log x) with a lower limit of quantification (LLOQ) at exp(mu - 1.2)
 *   for the time-trend features, so the trough is censored;
 * - missingness: each post-dose visit is missed with probability 0.08, and after a flare peak the subject
 *   leaves the study with probability 0.5 (rescue therapy): informative dropout.
 * Ground truth: a feature tracks the outcome when it is an activity or deviation tracker; its direction is
 * sign(beta).
 */
export type SecondFeatureKind = "activity" | "deviation" | "time-trend" | "one-subject" | "noise";

export interface SecondCohortTruth {
  feature: string;
  kind: SecondFeatureKind;
  tracks: boolean;
  direction: -1 | 0 | 1;
}

export interface SecondCohort {
  study: ReportStudy;
  outcome: string;
  truth: SecondCohortTruth[];
}

export const SECOND_OUTCOME = "activity_index";
const NOMINAL_DAYS = [-14, 0, 4, 11, 28, 42, 70, 100, 140];
const KINDS: readonly [SecondFeatureKind, number][] = [
  ["activity", 8],
  ["deviation", 8],
  ["time-trend", 10],
  ["one-subject", 4],
  ["noise", 10],
];

/** A stationary OU path with SD sd and correlation exp(-dt / range) at the given increasing days. */
function ornsteinUhlenbeck(rng: RandomStream, days: readonly number[], sd: number, range: number): number[] {
  const path: number[] = [];
  days.forEach((day, k) => {
    if (k === 0) path.push(sd * rng.nextNormal());
    else {
      const rho = Math.exp(-(day - days[k - 1]) / range);
      path.push(rho * path[k - 1] + sd * Math.sqrt(1 - rho * rho) * rng.nextNormal());
    }
  });
  return path;
}

const uniform = (rng: RandomStream, lo: number, hi: number): number => lo + (hi - lo) * rng.nextDouble();

/** The shared treatment trough: 0 before dosing, -1.5 exp(-t / 20) after (recovering over weeks). */
const trough = (t: number): number => (t > 0 ? -1.5 * Math.exp(-t / 20) : 0);

export function secondCohort(seed: number, subjects = 6): SecondCohort {
  const rng = createRandomStream(deriveSeed(seed, "second-generator"));
  const featureRng = createRandomStream(deriveSeed(seed, "second-generator/features"));
  const specs: { id: string; kind: SecondFeatureKind; beta: number; mu: number }[] = [];
  for (const [kind, count] of KINDS) {
    for (let k = 0; k < count; k++) {
      const sign = featureRng.nextDouble() < 0.5 ? -1 : 1;
      const beta =
        kind === "activity" || kind === "one-subject"
          ? sign * uniform(featureRng, 0.1, 1)
          : kind === "deviation"
            ? sign * uniform(featureRng, 0.3, 1.5)
            : kind === "time-trend"
              ? uniform(featureRng, 0.6, 1.2)
              : 0;
      specs.push({ id: `g2_${kind.replace("-", "_")}_${k + 1}_count`, kind, beta, mu: uniform(featureRng, 3, 7) });
    }
  }
  // Shuffle the feature order so that no ranking can profit from it.
  for (let k = specs.length - 1; k > 0; k--) {
    const j = featureRng.nextInt(k + 1);
    [specs[k], specs[j]] = [specs[j], specs[k]];
  }

  const measurements: StudyMeasurement[] = [];
  const samples: ReportStudy["samples"] = [];
  const ids = Array.from({ length: subjects }, (_, i) => `Q${String(i + 1).padStart(2, "0")}`);
  const carrier = specs.map(() => featureRng.nextInt(subjects));
  ids.forEach((subject, i) => {
    const days = NOMINAL_DAYS.map((d) => (d === 0 ? 0 : Math.round(d * (1 + uniform(rng, -0.15, 0.15)))));
    const A = uniform(rng, 0.6, 1.4);
    const residual = uniform(rng, 0, 0.5);
    const tau = uniform(rng, 10, 60);
    const flare = rng.nextDouble() < 0.4 ? { at: uniform(rng, 40, 120), size: uniform(rng, 0.3, 0.8) } : null;
    const mean = (t: number): number =>
      (t > 0 ? A * (residual + (1 - residual) * Math.exp(-t / tau)) : A) + (flare ? flare.size * Math.exp(-(((t - flare.at) / 12) ** 2)) : 0);
    const deviation = ornsteinUhlenbeck(rng, days, 0.25, 15);
    const activity = days.map((t, k) => Math.max(0, mean(t) + deviation[k]));
    // Visits attended: every visit up to D0; later ones missed with probability 0.08; dropout after a flare peak.
    let dropped = false;
    const attended = days.map((t, k) => {
      if (NOMINAL_DAYS[k] <= 0) return true;
      if (dropped) return false;
      if (flare && t > flare.at + 12 && rng.nextDouble() < 0.5) dropped = true;
      return !dropped && rng.nextDouble() >= 0.08;
    });
    const noise = specs.map(() => ornsteinUhlenbeck(rng, days, 0.3, 30));
    const level = specs.map(() => 0.4 * rng.nextNormal());
    days.forEach((day, k) => {
      if (!attended[k]) return;
      const visit = `D${NOMINAL_DAYS[k]}`;
      samples.push({ subject, visit, day, exclusionReason: null });
      const y = Math.max(0, Math.round(12 * activity[k] + rng.nextNormal()));
      measurements.push({ subject, visit, day, feature: SECOND_OUTCOME, value: y, unit: "score", censored: false, limit: null });
      specs.forEach((f, j) => {
        const signal =
          f.kind === "activity"
            ? f.beta * activity[k]
            : f.kind === "deviation"
              ? f.beta * deviation[k]
              : f.kind === "time-trend"
                ? f.beta * trough(day)
                : f.kind === "one-subject" && carrier[j] === i
                  ? 4 * f.beta * activity[k]
                  : 0;
        const logValue = f.mu + level[j] + signal + noise[j][k];
        const lloq = f.kind === "time-trend" ? Math.exp(f.mu - 1.2) : null;
        const value = Math.exp(logValue);
        const censored = lloq !== null && value < lloq;
        measurements.push({ subject, visit, day, feature: f.id, value: censored ? null : value, unit: "cells/uL", censored, limit: lloq });
      });
    });
  });
  const study: ReportStudy = {
    name: `second-generator-${seed}`,
    simulated: true,
    subjects: ids.map((id) => ({ id, sex: null, ageYears: null })),
    features: [
      { id: SECOND_OUTCOME, label: "activity index", kind: "clinical", panel: null, unit: "score", lloq: null, parent: null },
      ...specs.map((f) => ({ id: f.id, label: f.id, kind: "count", panel: null, unit: "cells/uL", lloq: f.kind === "time-trend" ? Math.exp(f.mu - 1.2) : null, parent: null })),
    ],
    samples,
    measurements,
    visits: NOMINAL_DAYS.map((day) => ({ visit: `D${day}`, day })),
    singleCell: [],
    clinicalStatus: null,
    inputFiles: [],
  };
  const truth = specs.map((f): SecondCohortTruth => {
    const tracks = f.kind === "activity" || f.kind === "deviation";
    return { feature: f.id, kind: f.kind, tracks, direction: tracks ? (Math.sign(f.beta) as -1 | 1) : 0 };
  });
  return { study, outcome: SECOND_OUTCOME, truth };
}
