import { termFactor } from "../design/thetaLayout.js";
import type { InferenceModel } from "./marginalModel.js";

/** The random-effect standard deviations and correlations of a fit, in lme4's order (per term, the lower
 *  triangle of its covariance column by column) and with lme4's names (`sd_Days|Subject`,
 *  `cor_Days.(Intercept)|Subject`). Sigma_term = sigma^2 T T' with T the term's block of Lambda(theta);
 *  a correlation whose SDs are zero is NaN. */
export function varianceParameters(model: InferenceModel): { names: string[]; values: number[]; kinds: ("sd" | "cor")[] } {
  const names: string[] = [];
  const values: number[] = [];
  const kinds: ("sd" | "cor")[] = [];
  for (const term of model.terms) {
    const pi = term.columnNames.length;
    const t = termFactor(model.theta, term.thetaOffset, pi);
    const cov = (r: number, c: number) => {
      let s = 0;
      for (let k = 0; k < pi; k++) s += t[r + pi * k] * t[c + pi * k];
      return model.sigma * model.sigma * s;
    };
    for (let c = 0; c < pi; c++) {
      for (let r = c; r < pi; r++) {
        if (r === c) {
          names.push(`sd_${term.columnNames[r]}|${term.group}`);
          values.push(Math.sqrt(cov(r, r)));
          kinds.push("sd");
        } else {
          names.push(`cor_${term.columnNames[r]}.${term.columnNames[c]}|${term.group}`);
          const d = Math.sqrt(cov(r, r) * cov(c, c));
          values.push(d > 0 ? cov(r, c) / d : Number.NaN);
          kinds.push("cor");
        }
      }
    }
  }
  return { names, values, kinds };
}
