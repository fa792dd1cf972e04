import type { RandomStream } from "@biomarker/numerics";

/** Per-subject latent parameters of the generative model. */
export interface SubjectLatents {
  /** Disease activity before dosing, A(t < 0), in [0, 1]. */
  baselineActivity: number;
  /** Fraction of baseline activity left after the response. */
  residualFraction: number;
  /** Time constant of the response, days. */
  responseDays: number;
  /** A late flare centred on day 330. */
  flare: boolean;
  lupusNephritis: boolean;
  /** Day at which B cells are half-way back (logistic midpoint). */
  bCellReturnDay: number;
  prednisoneStart: number;
  prednisoneMaintenance: number;
}

/** Draws one subject's latents: A0 ~ U(0.55, 0.95), residual ~ U(0, 0.3), tau ~ U(10, 40) days, ... */
export function drawSubjectLatents(stream: RandomStream, flare: boolean): SubjectLatents {
  return {
    baselineActivity: 0.55 + 0.4 * stream.nextDouble(),
    residualFraction: 0.3 * stream.nextDouble(),
    responseDays: 10 + 30 * stream.nextDouble(),
    flare,
    lupusNephritis: stream.nextDouble() < 0.65,
    bCellReturnDay: 120 + 140 * stream.nextDouble(),
    prednisoneStart: [10, 15, 20, 30][stream.nextInt(4)],
    prednisoneMaintenance: [0, 2.5, 5, 7.5][stream.nextInt(4)],
  };
}

/**
 * Latent disease activity: A(t) = A0 for t < 0 and, after the first dose,
 * A(t) = A0 (r + (1 - r) exp(-t / tau)) + 0.45 exp(-((t - 330) / 45)^2) [flare only], clipped to [0, 1].
 */
export function activityAt(l: SubjectLatents, day: number): number {
  if (day < 0) return l.baselineActivity;
  const response =
    l.baselineActivity * (l.residualFraction + (1 - l.residualFraction) * Math.exp(-day / l.responseDays));
  const flare = l.flare ? 0.45 * Math.exp(-(((day - 330) / 45) ** 2)) : 0;
  return Math.min(1, Math.max(0, response + flare));
}

/**
 * B-cell depletion factor: D(t) = 1 before dosing (and at the pre-dose day 0 sample); afterwards
 * D(t) = min(1, 1e-4 + exp(-t / 0.5) + expit((t - t_return) / 20)): near-complete depletion within days,
 * logistic return around t_return (120-260 days).
 */
export function depletionAt(l: SubjectLatents, day: number): number {
  if (day <= 0) return 1;
  return Math.min(1, 1e-4 + Math.exp(-day / 0.5) + 1 / (1 + Math.exp(-(day - l.bCellReturnDay) / 20)));
}

/**
 * Reconstitution phase R(t) that shifts the B-cell composition towards naive and transitional cells:
 * 0 before dosing, 1 while depleted, then exp(-(t - t_return) / 365) once B cells return.
 */
export function reconstitutionAt(l: SubjectLatents, day: number): number {
  if (day <= 0) return 0;
  return Math.exp(-Math.max(0, day - l.bCellReturnDay) / 365);
}
