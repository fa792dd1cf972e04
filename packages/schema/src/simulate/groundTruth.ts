import { COUNT_LLOQ, FLOW_RESIDUAL_SD, LABS, type PopulationDesign } from "./design.js";
import type { SubjectLatents } from "./latent.js";
import type { Subject } from "../model/study.js";

export type SignalStrength = "strong" | "moderate" | "weak" | "none";

export interface GroundTruthFeature {
  feature: string;
  /** True when the feature's mean depends on the latent disease activity A with at least weak strength. */
  tracksActivity: boolean;
  /** Sign of the dependence: +1 rises with activity, -1 falls, 0 none. */
  direction: -1 | 0 | 1;
  /** Change of the link-scale mean per unit of A (null for the clinical scores, which are built from A). */
  loading: number | null;
  scale: "logit" | "log" | "log-ratio" | "score";
  /** Within-subject residual SD on the link scale (null for the clinical scores). */
  residualSd: number | null;
  /** |loading| * 0.5 / residualSd: the signal of a typical within-subject change of 0.5 in A over noise. */
  signalToNoise: number | null;
  /** strong: signalToNoise >= 3; moderate: >= 1.5; weak: >= 0.5; none: below 0.5 (negligible or no dependence). */
  strength: SignalStrength;
  /** The feature also changes with BiTE B-cell depletion and reconstitution (a confounder of time). */
  affectedByDepletion: boolean;
}

export interface LatentActivity {
  subject: string;
  visit: string;
  day: number;
  /** Latent disease activity A in [0, 1] at that visit. */
  activity: number;
}

export interface GroundTruthSubject {
  subject: string;
  baselineActivity: number;
  residualFraction: number;
  responseDays: number;
  flare: boolean;
  lupusNephritis: boolean;
  bCellReturnDay: number;
}

export interface GroundTruth {
  simulated: true;
  seed: number;
  description: string;
  features: GroundTruthFeature[];
  subjects: GroundTruthSubject[];
  activity: LatentActivity[];
}

function strengthOf(snr: number): SignalStrength {
  if (snr >= 3) return "strong";
  if (snr >= 1.5) return "moderate";
  if (snr >= 0.5) return "weak";
  return "none";
}

const round4 = (x: number): number => {
  const r = Math.round(x * 1e4) / 1e4;
  return r === 0 ? 0 : r;
};

function truth(
  feature: string,
  loading: number,
  scale: GroundTruthFeature["scale"],
  residualSd: number,
  affectedByDepletion: boolean
): GroundTruthFeature {
  const l = round4(loading);
  const snr = round4((Math.abs(l) * 0.5) / residualSd);
  const strength = strengthOf(snr);
  return {
    feature,
    tracksActivity: strength !== "none",
    direction: l > 0 ? 1 : l < 0 ? -1 : 0,
    loading: l,
    scale,
    residualSd: round4(residualSd),
    signalToNoise: snr,
    strength,
    affectedByDepletion,
  };
}

/**
 * Which features truly track disease activity, and how strongly. For a member k of a compositional group
 * the effective loading on its log-ratio against the group is b_k - sum_j p_j b_j at the typical
 * proportions p; a count's log-scale loading is the sum of the (effective) loadings along its gate path
 * (logit ~ log for small fractions, so approximate for large ones) with residual SD sqrt(depth) * 0.25.
 */
export function groundTruthOf(
  seed: number,
  populations: readonly PopulationDesign[],
  latents: readonly SubjectLatents[],
  subjects: readonly Subject[],
  activity: LatentActivity[]
): GroundTruth {
  const byKey = new Map(populations.map((p) => [p.key, p]));
  const effective = new Map<string, number>();
  for (const p of populations) {
    if (p.group === undefined) {
      effective.set(p.key, p.activity);
      continue;
    }
    const members = populations.filter((q) => q.group === p.group);
    const total = members.reduce((s, q) => s + q.typical, 0);
    effective.set(p.key, p.activity - members.reduce((s, q) => s + (q.typical / total) * q.activity, 0));
  }
  const features: GroundTruthFeature[] = [];
  for (const p of populations) {
    let depleted = false;
    let loading = 0;
    let depth = 0;
    for (
      let q: PopulationDesign | undefined = p;
      q !== undefined;
      q = q.parent === null ? undefined : byKey.get(q.parent)
    ) {
      depleted ||= q.depleted;
      loading += effective.get(q.key)!;
      depth += 1;
    }
    if (p.parent !== null) {
      features.push(
        truth(
          `${p.key}_pct`,
          effective.get(p.key)!,
          p.group === undefined ? "logit" : "log-ratio",
          FLOW_RESIDUAL_SD,
          depleted
        )
      );
    }
    features.push(truth(`${p.key}_count`, loading, "log", Math.sqrt(depth) * FLOW_RESIDUAL_SD, depleted));
  }
  const renalShare = latents.filter((l) => l.lupusNephritis).length / Math.max(1, latents.length);
  for (const l of LABS) {
    // uPCR rises 2.8 per unit A with lupus nephritis and 0.3 x 2.8 without: the cohort-average loading.
    const loading = l.id === "upcr" ? l.activity * (renalShare + 0.3 * (1 - renalShare)) : l.activity;
    features.push(truth(l.id, loading, "log", l.residualSd, false));
  }
  for (const id of ["sledai2k", "clinical_sledai", "pga"]) {
    features.push({
      feature: id,
      tracksActivity: true,
      direction: 1,
      loading: null,
      scale: "score",
      residualSd: null,
      signalToNoise: null,
      strength: "strong",
      affectedByDepletion: false,
    });
  }
  // Prednisone follows the protocol taper (time), not A: correlated with activity only through time.
  features.push({
    feature: "prednisone",
    tracksActivity: false,
    direction: 0,
    loading: null,
    scale: "score",
    residualSd: null,
    signalToNoise: null,
    strength: "none",
    affectedByDepletion: false,
  });
  return {
    simulated: true,
    seed,
    description:
      "SIMULATED ground truth. Each feature's link-scale mean is linear in the latent disease activity A (0-1) " +
      `with the listed loading; B-lineage features also follow depletion and reconstitution. Counts below ${COUNT_LLOQ} cell/uL are censored.`,
    features,
    subjects: subjects.map((s, i) => ({
      subject: s.id,
      baselineActivity: round4(latents[i].baselineActivity),
      residualFraction: round4(latents[i].residualFraction),
      responseDays: round4(latents[i].responseDays),
      flare: latents[i].flare,
      lupusNephritis: latents[i].lupusNephritis,
      bCellReturnDay: round4(latents[i].bCellReturnDay),
    })),
    activity,
  };
}
