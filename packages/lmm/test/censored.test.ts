import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  type DataColumns,
  LmmInputError,
  censoredContrastBound,
  censoredLikelihoodRatioTest,
  censoredLogLikelihood,
  fitCensoredLmm,
} from "../src/index.js";
import { CensoredLikelihood } from "../src/censored/censoredLikelihood.js";
import { censoredDesign } from "../src/censored/censoredDesign.js";
import { maximizeLikelihood } from "../src/censored/fitCore.js";
import { productRule } from "../src/censored/quadratureRule.js";

interface OracleFit {
  name: string;
  data: string;
  formula: string;
  terms: string[];
  logLik: number;
  beta: number[];
  stdError: number[];
  sigma: number;
  sd?: number | number[];
  correlation?: number;
  nonEstimable?: string;
  bound?: { term: string; side: "upper" | "lower"; value: number; level: number };
  interval?: { term: string; level: number; lower: number; upper: number };
}
interface LogLikPoint {
  beta: number[];
  sigma: number;
  sd: number | number[];
  correlation?: number;
  logLik: number;
}
const oracle = JSON.parse(readFileSync(new URL("./fixtures/censored-r.json", import.meta.url), "utf8")) as {
  survreg: OracleFit;
  uncensored: OracleFit[];
  censored: OracleFit[];
  logLikAt: { name: string; formula: string; data: string; points: LogLikPoint[] }[];
};

/** write.csv output: quoted strings, bare numbers, empty cells for NA. */
function readFixture(name: string): DataColumns {
  const text = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
  const records: string[][] = parse(text, { relax_quotes: true, cast: false, quote: false });
  const header = records[0].map((h) => h.replace(/^"|"$/g, ""));
  const columns: Record<string, (number | string | null)[]> = {};
  header.forEach((h) => (columns[h] = []));
  for (const record of records.slice(1)) {
    record.forEach((cell, j) => columns[header[j]].push(cell === "" ? null : cell.startsWith('"') ? cell.slice(1, -1) : Number(cell)));
  }
  return columns;
}

const asArray = (v: number | number[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function covarianceOf(point: { sd: number | number[]; correlation?: number }): number[][] {
  const sd = asArray(point.sd);
  if (sd.length === 1) return [[sd[0] ** 2]];
  const c = (point.correlation ?? 0) * sd[0] * sd[1];
  return [
    [sd[0] ** 2, c],
    [c, sd[1] ** 2],
  ];
}

describe("censored-Gaussian mixed model against the brute-force R oracle", () => {
  for (const ref of oracle.censored) {
    it(`${ref.name}: logLik at or above the oracle's optimum (-1e-6), fixed effects within 1e-3 SE, SEs within 2%`, () => {
      const fit = fitCensoredLmm(readFixture(ref.data), ref.formula, { bounds: false });
      expect(fit.converged).toBe(true);
      expect(fit.logLik).toBeGreaterThan(ref.logLik - 1e-6);
      expect(fit.logLik).toBeLessThan(ref.logLik + 1e-4);
      expect(fit.estimableTerms).toEqual(ref.terms);
      const estimable = fit.fixedEffects.filter((f) => f.estimate !== null);
      estimable.forEach((f, j) => {
        expect(Math.abs((f.estimate as number) - ref.beta[j]) / ref.stdError[j], f.term).toBeLessThan(1e-3);
        expect(Math.abs((f.stdError as number) / ref.stdError[j] - 1), f.term).toBeLessThan(0.02);
      });
      expect(Math.abs(fit.sigma / ref.sigma - 1)).toBeLessThan(1e-3);
      const sds = fit.varianceComponents.filter((v) => v.term !== null).map((v) => v.stdDev);
      asArray(ref.sd).forEach((sd, a) => expect(Math.abs(sds[a] - sd)).toBeLessThan(1e-3 * Math.max(sd, 0.1)));
      if (ref.correlation !== undefined) expect(Math.abs(fit.correlations[0].correlation - ref.correlation)).toBeLessThan(1e-3);
    });
  }

  for (const set of oracle.logLikAt) {
    it(`${set.name}: AGHQ with the automatic node choice matches the brute-force log-likelihood to 1e-6 at fixed parameters`, () => {
      const data = readFixture(set.data);
      for (const point of set.points) {
        const { logLik, nAGQ } = censoredLogLikelihood(data, set.formula, { beta: point.beta, sigma: point.sigma, randomCovariance: covarianceOf(point) });
        expect(Math.abs(logLik - point.logLik), `nAGQ ${nAGQ}`).toBeLessThan(1e-6);
      }
    });
  }

  it("a visit with every value censored gets no estimate and no p-value but the oracle's one-sided profile bound (1e-4)", () => {
    const ref = oracle.censored.find((c) => c.bound) as OracleFit;
    const bound = ref.bound as NonNullable<OracleFit["bound"]>;
    const fit = fitCensoredLmm(readFixture(ref.data), ref.formula);
    const effect = fit.fixedEffects.find((f) => f.term === bound.term);
    expect(effect).toMatchObject({ estimate: null, stdError: null, pValue: null, bound: { side: bound.side, level: 0.95 } });
    expect(Math.abs((effect?.bound?.value as number) - bound.value)).toBeLessThan(1e-4);
    expect(effect?.note).toMatch(/not estimable/);
    const viaApi = censoredContrastBound(fit, { [bound.term]: 1 });
    expect(viaApi.kind).toBe("bound");
    if (viaApi.kind === "bound") expect(Math.abs(viaApi.value - bound.value)).toBeLessThan(1e-4);
  });

  it("a two-sided profile-likelihood interval of an estimable contrast matches the oracle's to 1e-4", () => {
    const ref = oracle.censored.find((c) => c.interval) as OracleFit;
    const interval = ref.interval as NonNullable<OracleFit["interval"]>;
    const fit = fitCensoredLmm(readFixture(ref.data), ref.formula, { bounds: false });
    const profile = censoredContrastBound(fit, { [interval.term]: 1 }, { level: interval.level });
    expect(profile.kind).toBe("interval");
    if (profile.kind !== "interval") return;
    expect(Math.abs(profile.lower - interval.lower)).toBeLessThan(1e-4);
    expect(Math.abs(profile.upper - interval.upper)).toBeLessThan(1e-4);
  });
});

describe("censored model reductions", () => {
  for (const ref of oracle.uncensored) {
    it(`${ref.name}: with nothing censored the fit equals lme4's ML fit (logLik 1e-7, beta 1e-5 SE, SEs 1e-4)`, () => {
      const data = readFixture(ref.data);
      const fit = fitCensoredLmm({ ...data, censored: (data.censored as unknown[]).map(() => "") as string[] }, ref.formula);
      expect(fit.censoring.nCensored).toBe(0);
      expect(Math.abs(fit.logLik - ref.logLik)).toBeLessThan(1e-7);
      fit.fixedEffects.forEach((f, j) => {
        expect(Math.abs((f.estimate as number) - ref.beta[j]) / ref.stdError[j], f.term).toBeLessThan(1e-5);
        expect(Math.abs((f.stdError as number) / ref.stdError[j] - 1), f.term).toBeLessThan(1e-4);
      });
      expect(Math.abs(fit.sigma / ref.sigma - 1)).toBeLessThan(1e-5);
    });
  }

  it("without random effects the likelihood kernel reproduces survival::survreg (left and right censoring)", () => {
    const ref = oracle.survreg;
    const data = readFixture(ref.data);
    // value ~ week with no random term: the whole sample is one "subject" with q = 0.
    const { design, censoring } = censoredDesign(data, "value ~ week + (1 | subject)", { censored: "censored", limit: "limit" }, {});
    const n = design.n;
    const model = {
      n,
      p: 2,
      q: 0,
      x: design.x,
      z: new Float64Array(0),
      y: design.y,
      censoring,
      offset: null,
      order: Int32Array.from({ length: n }, (_, j) => j),
      start: Int32Array.from([0, n]),
    };
    const fit = maximizeLikelihood(model, Float64Array.from([2, -0.3, 0]), 1);
    expect(Math.abs(fit.logLik - ref.logLik)).toBeLessThan(1e-8);
    for (let j = 0; j < 2; j++) {
      expect(Math.abs(fit.theta[j] - ref.beta[j])).toBeLessThan(1e-6);
      expect(Math.abs(Math.sqrt(fit.covariance?.[j * 3 + j] as number) / ref.stdError[j] - 1)).toBeLessThan(1e-4);
    }
    expect(Math.abs(Math.exp(fit.theta[2]) / ref.sigma - 1)).toBeLessThan(1e-6);
    expect(new CensoredLikelihood(model, productRule(0, 1)).evaluate(fit.theta)).toBeCloseTo(ref.logLik, 8);
  });
});

describe("censored model API", () => {
  const data = readFixture("censored-mixed.csv");

  it("rejects unknown option keys and bad values", () => {
    expect(() => fitCensoredLmm(data, "value ~ week + (1 | subject)", { nagq: 3 } as never)).toThrow(LmmInputError);
    expect(() => fitCensoredLmm(data, "value ~ week + (1 | subject)", { nAGQ: 0 })).toThrow(/nAGQ/);
    expect(() => fitCensoredLmm(data, "value ~ week + (1 | subject)", { ddf: "satterthwaite" as never })).toThrow(/ddf/);
  });

  it("names the row of a censored observation that also has a value, and of a censored row without a limit", () => {
    const withValue = { ...data, value: (data.value as (number | null)[]).map((v, i) => (data.censored[i] === "<" ? 0.1 : v)) };
    expect(() => fitCensoredLmm(withValue, "value ~ week + (1 | subject)")).toThrow(/row \d+: censored/);
    const noLimit = { ...data, limit: (data.limit as (number | null)[]).map(() => null) };
    expect(() => fitCensoredLmm(noLimit, "value ~ week + (1 | subject)")).toThrow(/column 'limit': a censored row needs a finite limit/);
  });

  it("a likelihood-ratio test of the week effect is 2 (l1 - l0) on 1 df", () => {
    const larger = fitCensoredLmm(data, "value ~ week + (1 | subject)");
    const smaller = fitCensoredLmm(data, "value ~ 1 + (1 | subject)");
    const test = censoredLikelihoodRatioTest(smaller, larger);
    expect(test.df).toBe(1);
    expect(test.statistic).toBeCloseTo(2 * (larger.logLik - smaller.logLik), 12);
    expect(test.pValue).toBeLessThan(1e-3);
  });

  it("z tests are labelled as such: df null", () => {
    const fit = fitCensoredLmm(data, "value ~ week + (1 | subject)", { ddf: "z" });
    expect(fit.ddf).toBe("z");
    expect(fit.fixedEffects.every((f) => f.df === null)).toBe(true);
  });

  it("between-within df: the intercept on subjects - 1, the within-subject week on N - subjects - 1", () => {
    const fit = fitCensoredLmm(data, "value ~ week + (1 | subject)");
    expect(fit.fixedEffects.map((f) => f.df)).toEqual([7, 48 - 8 - 1]);
  });

  it("the Laplace approximation (nAGQ = 1) differs from the accurate log-likelihood, which more nodes leave unchanged to 1e-6", () => {
    const fit = fitCensoredLmm(data, "value ~ week + (1 | subject)", { bounds: false });
    const more = fitCensoredLmm(data, "value ~ week + (1 | subject)", { nAGQ: fit.censoring.nAGQ + 10 });
    expect(Math.abs(more.logLik - fit.logLik)).toBeLessThan(1e-6);
    const laplace = fitCensoredLmm(data, "value ~ week + (1 | subject)", { nAGQ: 1 });
    expect(Math.abs(laplace.logLik - fit.logLik)).toBeGreaterThan(1e-6);
  });
});
