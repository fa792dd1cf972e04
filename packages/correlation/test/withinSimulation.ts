/**
 * Test-side data-generating process for the false discovery study of the within model, written
 * independently of @biomarker/schema's simulator: cohorts of 6 subjects x 10 visits in which
 *   g(t) = -3 t exp(-t / 3)                                  (a dip after dosing and a recovery)
 *   null feature j:  x_ij = a_j g(t_j) + b_i + e_ij           (shares the time course with the outcome)
 *   associate k:     x_ij = a_k g(t_j) + b_i + d_kij           (d_kij ~ N(0, 1): its within-subject deviations)
 *   outcome:         y_ij = 2 g(t_j) + u_i + sum_k beta_k d_kij + e_ij
 * with a_j uniform on +-[1, 2], b_i ~ N(0, 1), u_i ~ N(0, 1.5^2), e ~ N(0, 1) and beta_k = +-0.8.
 * The null features are associated with the outcome only through the shared course g.
 */
import { createRandomStream } from "@biomarker/numerics";
import { repeatedMeasuresCorrelation, withinSubjectAssociation } from "../src/index.js";

export const SUBJECTS = 6;
export const VISITS = 10;
export const NULL_FEATURES = 15;
export const ASSOCIATES = 5;

export interface Cohort {
  subject: string[];
  visit: string[];
  y: number[];
  features: { x: number[]; beta: number }[];
}

export function simulateCohort(seed: number): Cohort {
  const rng = createRandomStream(seed);
  const g = (t: number) => -3 * t * Math.exp(-t / 3);
  const rows = SUBJECTS * VISITS;
  const subject = Array.from({ length: rows }, (_, r) => `S${Math.floor(r / VISITS) + 1}`);
  const visit = Array.from({ length: rows }, (_, r) => `V${r % VISITS}`);
  const time = Array.from({ length: rows }, (_, r) => r % VISITS);
  const u = Array.from({ length: SUBJECTS }, () => 1.5 * rng.nextNormal());
  const y = time.map((t, r) => 2 * g(t) + u[Math.floor(r / VISITS)] + rng.nextNormal());
  const features: Cohort["features"] = [];
  for (let k = 0; k < NULL_FEATURES + ASSOCIATES; k++) {
    const slope = (rng.nextDouble() < 0.5 ? -1 : 1) * (1 + rng.nextDouble());
    const b = Array.from({ length: SUBJECTS }, () => rng.nextNormal());
    const beta = k < NULL_FEATURES ? 0 : rng.nextDouble() < 0.5 ? -0.8 : 0.8;
    const x = time.map((t, r) => {
      const deviation = rng.nextNormal();
      if (beta !== 0) y[r] += beta * deviation;
      return slope * g(t) + b[Math.floor(r / VISITS)] + deviation;
    });
    features.push({ x, beta });
  }
  return { subject, visit, y, features };
}

/** Benjamini-Hochberg adjusted p-values (step-up, monotone), written out here as the test's own oracle. */
export function benjaminiHochberg(p: readonly number[]): number[] {
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => p[b] - p[a]);
  const out = new Array<number>(m);
  let running = 1;
  order.forEach((i, rank) => {
    running = Math.min(running, (p[i] * m) / (m - rank));
    out[i] = running;
  });
  return out;
}

export interface FdrSummary {
  cohorts: number;
  /** Mean false discovery proportion (0 for a cohort without discoveries). */
  meanFdp: number;
  /** Mean number of true associates found per cohort (of ASSOCIATES). */
  meanTruePositives: number;
  /** Share of true discoveries with the sign of beta. */
  correctSign: number;
}

/** Within model and rmcorr on the same cohorts, each family of 20 tests adjusted by BH at level q. */
export function fdrStudy(cohorts: number, seed: number, q = 0.05): { within: FdrSummary; rmcorr: FdrSummary } {
  const tally = { within: { fdp: 0, tp: 0, signed: 0, rightSign: 0 }, rmcorr: { fdp: 0, tp: 0, signed: 0, rightSign: 0 } };
  for (let c = 0; c < cohorts; c++) {
    const cohort = simulateCohort(seed + c);
    for (const method of ["within", "rmcorr"] as const) {
      const results = cohort.features.map((f) =>
        method === "within"
          ? withinSubjectAssociation(cohort.subject, cohort.visit, f.x, cohort.y)
          : repeatedMeasuresCorrelation(cohort.subject, f.x, cohort.y),
      );
      const adjusted = benjaminiHochberg(results.map((r) => r.pValue ?? 1));
      let discoveries = 0;
      let falseDiscoveries = 0;
      cohort.features.forEach((f, k) => {
        if (adjusted[k] > q) return;
        discoveries++;
        if (f.beta === 0) falseDiscoveries++;
        else {
          tally[method].tp++;
          tally[method].signed++;
          if (Math.sign(results[k].estimate!) === Math.sign(f.beta)) tally[method].rightSign++;
        }
      });
      tally[method].fdp += discoveries === 0 ? 0 : falseDiscoveries / discoveries;
    }
  }
  const summary = (t: (typeof tally)["within"]): FdrSummary => ({
    cohorts,
    meanFdp: t.fdp / cohorts,
    meanTruePositives: t.tp / cohorts,
    correctSign: t.signed === 0 ? Number.NaN : t.rightSign / t.signed,
  });
  return { within: summary(tally.within), rmcorr: summary(tally.rmcorr) };
}
