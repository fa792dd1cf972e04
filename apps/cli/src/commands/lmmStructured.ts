import {
  type DataColumns,
  type LevelOrders,
  LmmInputError,
  clusterRobust,
  fitLmm,
  formatLmmSummary,
  formatResidualStructure,
  lmmSummary,
} from "@biomarker/lmm";
import { printJson, printText } from "../output.js";

/** The options of `biomarker lmm` that select nlme-style residual structures or CR2 inference. */
export interface StructuredLmmArgs {
  formula: string;
  ml: boolean;
  ddf: "satterthwaite" | "kenward-roger" | "none" | "between-within";
  by?: string;
  json: boolean;
  anova: boolean;
  emmeans?: string;
  ci?: string;
  correlation?: string;
  weights?: string;
  vcov: "model" | "CR2";
  cluster?: string;
}

export function wantsStructuredLmm(args: StructuredLmmArgs): boolean {
  return args.correlation !== undefined || args.weights !== undefined || args.vcov === "CR2" || args.ddf === "between-within" || args.cluster !== undefined;
}

/**
 * `biomarker lmm --correlation/--weights` (nlme::lme's residual structures, fitted by the marginal likelihood),
 * `--ddf between-within` (nlme's containment df) and `--vcov CR2 [--cluster COL]` (clubSandwich's CR2
 * with Pustejovsky-Tipton Satterthwaite df), one fit.
 */
export function runStructuredLmm(args: StructuredLmmArgs, data: DataColumns, levels: LevelOrders | undefined): void {
  if (args.by !== undefined) throw new LmmInputError("--correlation, --weights, --vcov CR2, --cluster and --ddf between-within apply to a single fit; drop --by");
  if (args.anova || args.emmeans !== undefined || args.ci !== undefined) {
    throw new LmmInputError("--anova, --emmeans and --ci are not available with --correlation, --weights, --vcov CR2 or --ddf between-within");
  }
  if (args.cluster !== undefined && args.vcov !== "CR2") throw new LmmInputError("--cluster needs --vcov CR2");
  const robust = args.vcov === "CR2";
  if (robust && args.ddf !== "satterthwaite" && args.ddf !== "none") {
    throw new LmmInputError(`--vcov CR2 takes --ddf satterthwaite (Pustejovsky-Tipton) or none, not ${args.ddf}`);
  }
  const structured = args.correlation !== undefined || args.weights !== undefined || args.ddf === "between-within";
  if (structured && args.ddf === "kenward-roger") throw new LmmInputError("--ddf kenward-roger is not available with --correlation or --weights");
  const reml = !args.ml;
  const fit = structured
    ? fitLmm(data, args.formula, {
        correlation: args.correlation,
        weights: args.weights,
        reml,
        levels,
        ddf: robust ? "none" : (args.ddf as "none" | "between-within" | "satterthwaite"),
      })
    : fitLmm(data, args.formula, { reml, levels });
  const cr2 = robust ? clusterRobust(fit, { data, cluster: args.cluster, ddf: args.ddf as "satterthwaite" | "none" }) : undefined;
  const summary = { ...lmmSummary(fit), ...(cr2 ? { fixedEffects: cr2.fixedEffects } : {}) };
  const structures = {
    correlationStructure: "correlationStructure" in fit ? fit.correlationStructure : null,
    varianceFunction: "varianceFunction" in fit ? fit.varianceFunction : null,
  };
  if (args.json) {
    printJson({
      ...summary,
      ...structures,
      ...(cr2 ? { vcov: { type: cr2.type, cluster: cr2.cluster, nClusters: cr2.nClusters, test: args.ddf === "satterthwaite" ? "Satterthwaite" : "z" } } : {}),
    });
  } else {
    printText(formatLmmSummary({ ...summary, residuals: fit.residuals }) + formatResidualStructure(structures, cr2));
  }
}
