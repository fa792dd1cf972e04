import { checkOptions, symmetricEigen } from "@biomarker/numerics";
import { LmmInputError } from "../errors.js";
import { kenwardRogerFTest, kenwardRogerSetup } from "./kenwardRoger.js";
import { type FitOrModel, type InferenceModel, modelOf } from "./marginalModel.js";
import { type FTest, satterthwaiteFTest, satterthwaiteSetup } from "./satterthwaite.js";

/**
 * Rows of a restriction matrix L with {X beta : L beta = 0} = span(X0), for nested fixed-effect designs
 * span(X0) within span(X) (Halekoh & Hojsgaard 2014, sec. 5, the model form of KRmodcomp): with
 * M = (I - P_X0) X, L beta = 0 exactly when M beta = 0, so L is an orthonormal basis of M's row space,
 * the eigenvectors of M'M with eigenvalue above 1e-10 of the largest. Any basis gives the same F tests.
 */
export function restrictionRows(x: Float64Array, x0: Float64Array, n: number, p: number, p0: number): Float64Array[] {
  const m = residualize(x, x0, n, p, p0);
  const back = residualize(x0, x, n, p0, p);
  const size = (a: Float64Array) => Math.sqrt(a.reduce((s, v) => s + v * v, 0));
  if (size(back) > 1e-8 * Math.max(1, size(x0))) {
    throw new LmmInputError("the smaller model's fixed effects are not nested in the larger model's");
  }
  const mtm = new Float64Array(p * p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += m[i + n * a] * m[i + n * b];
    mtm[a + p * b] = s;
  }
  const { values, vectors } = symmetricEigen(mtm, p);
  const largest = Math.max(...Array.from(values, Math.abs));
  const rows: Float64Array[] = [];
  for (let k = 0; k < p; k++) if (values[k] > 1e-10 * largest) rows.push(vectors.slice(k * p, (k + 1) * p));
  return rows;
}

/** (I - P_B) A for n x pa A and n x pb B (column-major), by least squares on B's eigen-decomposed Gram
 *  matrix (pseudo-inverse, so a rank-deficient B is fine). */
function residualize(a: Float64Array, b: Float64Array, n: number, pa: number, pb: number): Float64Array {
  const gram = new Float64Array(pb * pb);
  for (let i = 0; i < pb; i++) for (let j = 0; j < pb; j++) {
    let s = 0;
    for (let r = 0; r < n; r++) s += b[r + n * i] * b[r + n * j];
    gram[i + pb * j] = s;
  }
  const { values, vectors } = symmetricEigen(gram, pb);
  const largest = Math.max(0, ...Array.from(values, Math.abs));
  const out = Float64Array.from(a);
  for (let k = 0; k < pb; k++) {
    if (!(values[k] > 1e-12 * largest)) continue;
    // direction u_k = B v_k / sqrt(lambda_k), orthonormal in R^n
    const u = new Float64Array(n);
    for (let j = 0; j < pb; j++) {
      const v = vectors[j + pb * k];
      if (v !== 0) for (let r = 0; r < n; r++) u[r] += b[r + n * j] * v;
    }
    const scale = 1 / Math.sqrt(values[k]);
    for (let r = 0; r < n; r++) u[r] *= scale;
    for (let c = 0; c < pa; c++) {
      let dot = 0;
      for (let r = 0; r < n; r++) dot += u[r] * out[r + n * c];
      for (let r = 0; r < n; r++) out[r + n * c] -= dot * u[r];
    }
  }
  return out;
}

/**
 * F test of a smaller fixed-effect model against a larger one with the same random effects and data, as
 * pbkrtest's KRmodcomp (Kenward-Roger, default) and SATmodcomp (Satterthwaite): the hypothesis L beta = 0
 * in the larger model (restrictionRows), tested with its REML fit's covariance parameters.
 */
export function modelComparison(
  large: FitOrModel,
  small: FitOrModel,
  options: { readonly ddf?: "kenward-roger" | "satterthwaite" } = {},
): FTest {
  checkOptions("modelComparison", options, { ddf: ["kenward-roger", "satterthwaite"] });
  const m1: InferenceModel = modelOf(large);
  const m0: InferenceModel = modelOf(small);
  if (m1.n !== m0.n || m1.y.some((v, i) => v !== m0.y[i])) throw new LmmInputError("the two models must be fitted to the same observations");
  const rows = restrictionRows(m1.x, m0.x, m1.n, m1.p, m0.p);
  if (rows.length === 0) throw new LmmInputError("the models have the same fixed-effect column space; there is nothing to test");
  return (options.ddf ?? "kenward-roger") === "kenward-roger"
    ? kenwardRogerFTest(kenwardRogerSetup(m1), rows)
    : satterthwaiteFTest(satterthwaiteSetup(m1), rows);
}
