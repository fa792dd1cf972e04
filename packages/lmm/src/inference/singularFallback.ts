import type { DataColumns } from "../design/frame.js";
import { type LmmOptions, fitLmm } from "../fitLmm.js";
import type { LmmFit } from "../fit/result.js";
import { type ModelTerms, type RandomTermSpec, modelTerms } from "../formula/terms.js";
import { parseFormula } from "../formula/parse.js";

/** One simplification applied after a singular fit, recorded in the output. */
export interface FallbackStep {
  readonly action: "drop-correlation" | "drop-slope";
  /** Random part before and after, e.g. "(day | subject)" -> "(1 | subject) + (0 + day | subject)". */
  readonly from: string;
  readonly to: string;
  readonly singularAfter: boolean;
}

export interface FallbackResult {
  /** The fit finally kept (the original when it was not singular or nothing could be simplified). */
  readonly fit: LmmFit;
  /** The original formula's fit was singular. */
  readonly originalSingular: boolean;
  readonly steps: FallbackStep[];
}

function describeTerm(spec: RandomTermSpec): string {
  const effects = spec.effects.terms.map((t) => t.map((i) => spec.effects.variables[i].label).join(":"));
  const lhs = spec.effects.intercept ? ["1", ...effects].join(" + ") : ["0", ...effects].join(" + ");
  return `(${lhs.replace(/^1 \+ /, "")} | ${spec.groupLabel})`;
}

export function describeRandomPart(terms: ModelTerms): string {
  return terms.random.map(describeTerm).join(" + ");
}

/** (x | g) -> (1 | g) + (0 + x | g): one uncorrelated term per effect (lme4's expansion of ||). */
function dropCorrelations(terms: ModelTerms): ModelTerms | null {
  let changed = false;
  const random = terms.random.flatMap((spec) => {
    const count = spec.effects.terms.length + (spec.effects.intercept ? 1 : 0);
    if (count <= 1) return [spec];
    changed = true;
    const parts: RandomTermSpec[] = [];
    if (spec.effects.intercept) parts.push({ ...spec, effects: { ...spec.effects, terms: [] } });
    for (const t of spec.effects.terms) parts.push({ ...spec, effects: { ...spec.effects, intercept: false, terms: [t] } });
    return parts;
  });
  return changed ? { ...terms, random } : null;
}

/** Keep only the random intercepts: (0 + x | g) terms are removed, (1 + x | g) becomes (1 | g); identical
 *  (1 | g) terms are merged. */
function dropSlopes(terms: ModelTerms): ModelTerms | null {
  const seen = new Set<string>();
  const random: RandomTermSpec[] = [];
  let changed = false;
  for (const spec of terms.random) {
    if (spec.effects.terms.length > 0) changed = true;
    if (!spec.effects.intercept) continue;
    if (seen.has(spec.groupLabel)) continue;
    seen.add(spec.groupLabel);
    random.push({ ...spec, effects: { ...spec.effects, terms: [] } });
  }
  return changed && random.length > 0 ? { ...terms, random } : null;
}

/**
 * Optional fallback on singular fits (never applied silently: every step is returned): refit without the
 * random-effect correlations, and if still singular, with random intercepts only. The caller decides
 * whether to report the simplified fit; the steps and the original singularity go into the output.
 */
export function fitLmmWithFallback(data: DataColumns, formula: string | ModelTerms, options: LmmOptions = {}): FallbackResult {
  const terms = typeof formula === "string" ? modelTerms(parseFormula(formula)) : formula;
  const original = fitLmm(data, terms, options);
  if (!original.singular) return { fit: original, originalSingular: false, steps: [] };
  const steps: FallbackStep[] = [];
  let current = terms;
  let fit = original;
  for (const [action, simplify] of [["drop-correlation", dropCorrelations], ["drop-slope", dropSlopes]] as const) {
    const next = simplify(current);
    if (!next) continue;
    const refit = fitLmm(data, next, options);
    steps.push({ action, from: describeRandomPart(current), to: describeRandomPart(next), singularAfter: refit.singular });
    current = next;
    fit = refit;
    if (!refit.singular) break;
  }
  return { fit, originalSingular: true, steps };
}
