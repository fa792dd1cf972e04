import { checkOptions } from "@biomarker/numerics";
import { type DesignOptions, buildDesign } from "./design/design.js";
import type { DataColumns } from "./design/frame.js";
import type { ModelTerms } from "./formula/terms.js";
import { fitDesign } from "./fit/fit.js";
import { type FixedEffect, type LmmFit, assembleFit } from "./fit/result.js";

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
 * (Bates et al. 2015), e.g. fitLmm(data, "Reaction ~ Days + (Days | Subject)").
 */
export function fitLmm(data: DataColumns, formula: string | ModelTerms, options: LmmOptions = {}): LmmFit {
  checkOptions("fitLmm", options, { reml: "boolean", levels: "object", start: "array", denominatorDf: "function" });
  const design = buildDesign(data, formula, { levels: options.levels });
  const reml = options.reml ?? true;
  const fitted = fitDesign(design, design.y, reml, options.start);
  const fit = assembleFit(design, fitted, fitted.pls);
  if (options.denominatorDf) fit.fixedEffects = options.denominatorDf(fit);
  return fit;
}
