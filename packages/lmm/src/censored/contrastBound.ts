import { LmmInputError } from "../errors.js";
import type { CensoredLmmFit } from "./fitCensoredLmm.js";
import { type ContrastProfile, contrastProfile } from "./profile.js";

/** A contrast as one weight per fixed effect (in fixedEffects order) or as { term: weight }. */
export type CensoredContrast = readonly number[] | Readonly<Record<string, number>>;

/**
 * Profile-likelihood inference on any contrast L'beta of a censored fit: for an estimable contrast the
 * two-sided interval where 2 (logLik - profile) <= qchisq(level, 1) (with the Wald estimate and SE);
 * for one that loads on a non-estimable coefficient, the one-sided bound where 2 (logLik - profile) =
 * qchisq(2 level - 1, 1) (e.g. "visit D7 - baseline <= -2.49"). E.g. the change from baseline of visit
 * V03 in `value ~ visit + (1 | subject)` is the contrast { visitV03: 1 }.
 */
export function censoredContrastBound(fit: CensoredLmmFit, contrast: CensoredContrast, options: { level?: number } = {}): ContrastProfile {
  for (const key of Object.keys(options)) if (key !== "level") throw new LmmInputError(`censoredContrastBound: unknown option '${key}'`);
  const terms = fit.fixedEffects.map((f) => f.term);
  let weights: number[];
  if (Array.isArray(contrast)) {
    weights = [...(contrast as readonly number[])];
  } else {
    const named = contrast as Readonly<Record<string, number>>;
    for (const key of Object.keys(named)) {
      if (!terms.includes(key)) throw new LmmInputError(`unknown fixed effect '${key}' in the contrast (terms: ${terms.join(", ")})`);
    }
    weights = terms.map((t) => named[t] ?? 0);
  }
  if (weights.some((w) => !Number.isFinite(w))) throw new LmmInputError("contrast weights must be finite numbers");
  return contrastProfile(fit.model, weights, options.level ?? 0.95);
}
