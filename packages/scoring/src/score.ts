/**
 * The biomarker score (docs/scoring.md). Every factor is on [0, 1] and says how much of the observed
 * association survives one check; the score is their product, the part of the effect that survives all
 * of them. No factor carries a weight: a factor of 1 means the check changes nothing, 0 that it destroys
 * the evidence.
 *
 *   strength    |r|, the repeated-measures correlation over all visits;
 *   coverage    N_pairs / N_outcome: the share of the outcome's visits at which the feature is observed
 *               (an association seen only on the visits where the feature is measurable, e.g. B-cell
 *               subsets outside depletion, rests on a treatment-phase contrast);
 *   stability   2 P*(sign kept) - 1, clipped at 0: how far the bootstrap sign is from a coin toss;
 *   robustness  min_i r_(-i) sign(r) / |r|, clipped to [0, 1]: the share of the effect left after removing
 *               the most influential subject (0 when some removal flips the sign or leaves r undefined);
 *   consistency 2 (agreeing / defined) - 1, clipped at 0: how far the per-subject directions are from a
 *               coin toss (0 when at most half the subjects agree).
 */
export interface ScoreComponents {
  strength: number;
  coverage: number;
  stability: number;
  robustness: number;
  consistency: number;
}

export interface ScoreInputs {
  /** Repeated-measures correlation over all visits (null when undefined). */
  estimate: number | null;
  /** Complete (feature, outcome) pairs and the observations of the outcome. */
  pairs: number;
  outcomeObservations: number;
  /** Bootstrap probability that the resampled estimate keeps the sign. */
  signKeeping: number | null;
  /** Leave-one-subject-out estimates. */
  leaveOneOut: readonly (number | null)[];
  /** Subjects whose within-subject correlation has the sign of the estimate, and those where it is defined. */
  agreeing: number;
  defined: number;
}

export function scoreComponents(inputs: ScoreInputs): ScoreComponents {
  const { estimate, signKeeping, leaveOneOut, agreeing, defined } = inputs;
  if (estimate === null || estimate === 0 || signKeeping === null) {
    return { strength: 0, coverage: 0, stability: 0, robustness: 0, consistency: 0 };
  }
  const sign = Math.sign(estimate);
  let worst = Infinity;
  for (const v of leaveOneOut) worst = Math.min(worst, v === null ? 0 : (v * sign) / Math.abs(estimate));
  return {
    strength: Math.abs(estimate),
    coverage: inputs.outcomeObservations > 0 ? Math.min(1, inputs.pairs / inputs.outcomeObservations) : 0,
    stability: Math.max(0, 2 * signKeeping - 1),
    robustness: Math.min(1, Math.max(0, worst)),
    consistency: defined > 0 ? Math.max(0, (2 * agreeing) / defined - 1) : 0,
  };
}

/** strength x coverage x stability x robustness x consistency. */
export function biomarkerScore(c: ScoreComponents): number {
  return c.strength * c.coverage * c.stability * c.robustness * c.consistency;
}
