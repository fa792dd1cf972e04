import { type DesignOptions, buildDesign } from "./design/design.js";
import type { DataColumns } from "./design/frame.js";
import type { ModelTerms } from "./formula/terms.js";
import { fitDesign } from "./fit/fit.js";
import { type FixedEffect, type LmmFit, assembleFit } from "./fit/result.js";
import { type StructuredDdf, type StructuredLmmFit, type StructuredOptions, fitStructured } from "./structured/fitStructured.js";

/** Fills df and p-values (and, for Kenward-Roger, adjusted standard errors) of the fixed effects. */
export type DenominatorDfMethod = (fit: LmmFit) => FixedEffect[];

export interface LmmOptions extends DesignOptions {
  /** REML (default, as lme4) or ML. */
  readonly reml?: boolean;
  /** Starting theta (default: lme4's, identity relative covariance factors). */
  readonly start?: ArrayLike<number>;
  /** Small-sample inference for the fixed effects; without it df and pValue stay null. */
  readonly denominatorDf?: DenominatorDfMethod;
}

/**
 * Fits a linear mixed model given in lme4 formula syntax by profiled REML (default) or ML
 * (Bates et al. 2015), e.g. fitLmm(data, "Reaction ~ Days + (Days | Subject)"). With a residual
 * `correlation` and/or `weights` structure (nlme's corCAR1, corAR1, corCompSymm, varIdent), or an nlme-style
 * `ddf`, the model is fitted by its marginal likelihood as nlme::lme does (structured/fitStructured.ts).
 */
export function fitLmm(
  data: DataColumns,
  formula: string | ModelTerms,
  options: StructuredOptions & ({ correlation: string | undefined } | { weights: string | undefined } | { ddf: StructuredDdf }),
): StructuredLmmFit;
export function fitLmm(data: DataColumns, formula: string | ModelTerms, options?: LmmOptions): LmmFit;
export function fitLmm(data: DataColumns, formula: string | ModelTerms, structuredOrPlain: LmmOptions | StructuredOptions = {}): LmmFit | StructuredLmmFit {
  if ("correlation" in structuredOrPlain || "weights" in structuredOrPlain || "ddf" in structuredOrPlain) return fitStructured(data, formula, structuredOrPlain as StructuredOptions);
  const options = structuredOrPlain as LmmOptions;
  const design = buildDesign(data, formula, options);
  const reml = options.reml ?? true;
  const fitted = fitDesign(design, design.y, reml, options.start);
  const fit = assembleFit(design, fitted, fitted.pls);
  if (options.denominatorDf) fit.fixedEffects = options.denominatorDf(fit);
  return fit;
}
