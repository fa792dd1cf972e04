import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { restoreCliState, runCommand } from "./support/runCommand.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const sleepstudy = join(root, "datasets", "reference", "sleepstudy.csv");
const orthodont = join(root, "datasets", "reference", "Orthodont.csv");
const fixtures = JSON.parse(readFileSync(join(root, "packages", "lmm", "test", "fixtures", "lmm-r.json"), "utf8")) as {
  models: { id: string; criterion: number; beta: number[]; stdError: number[]; sigma: number; theta: number[] }[];
};
const ref = (id: string) => fixtures.models.find((m) => m.id === id) as (typeof fixtures.models)[number];

const dir = mkdtempSync(join(tmpdir(), "lmm-"));
function csv(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, lines.join("\n"));
  return file;
}

const run = runCommand;
afterEach(restoreCliState);

const contractKeys = [
  "formula", "criterion", "nObs", "nGroups", "converged", "singular", "warnings", "fixedEffects", "varianceComponents",
  "correlations", "sigma", "theta", "logLik", "remlCriterion", "deviance", "aic", "bic",
];

describe("biomarker lmm", () => {
  it("--json --ddf none prints the contract for sleepstudy REML, matching lme4", async () => {
    const { code, stdout } = await run(["lmm", "--data", sleepstudy, "--formula", "Reaction ~ Days + (Days | Subject)", "--ddf", "none", "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc)).toEqual(contractKeys);
    expect(doc).toMatchObject({ criterion: "REML", nObs: 180, nGroups: { Subject: 18 }, converged: true, singular: false, deviance: null });
    expect(Math.abs(doc.remlCriterion - 1743.628271958)).toBeLessThan(1e-6);
    expect(doc.fixedEffects.map((f: { term: string }) => f.term)).toEqual(["(Intercept)", "Days"]);
    doc.fixedEffects.forEach((f: { estimate: number; stdError: number; df: null; pValue: null; statistic: number }, j: number) => {
      expect(Math.abs(f.estimate / ref("sleepstudy-reml").beta[j] - 1)).toBeLessThan(1e-6);
      expect(Math.abs(f.stdError / ref("sleepstudy-reml").stdError[j] - 1)).toBeLessThan(1e-5);
      expect(f.df).toBeNull();
      expect(f.pValue).toBeNull();
      expect(f.statistic).toBeCloseTo(f.estimate / f.stdError, 12);
    });
    expect(doc.varianceComponents.at(-1)).toMatchObject({ group: "Residual", term: null });
    expect(doc.correlations).toHaveLength(1);
  });

  it("without --ddf the t tests have Satterthwaite df and p-values, as lmerTest's summary", async () => {
    const { code, stdout } = await run(["lmm", "--data", sleepstudy, "--formula", "Reaction ~ Days + (Days | Subject)", "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(Math.abs(doc.fixedEffects[1].df / 16.9999837256 - 1)).toBeLessThan(1e-4);
    expect(doc.fixedEffects[1].pValue).toBeLessThan(1e-5);
  });

  it("--ddf satterthwaite fills df and p-values (lmerTest: 16.9997262885 and 16.9999837256)", async () => {
    const { code, stdout } = await run([
      "lmm", "--data", sleepstudy, "--formula", "Reaction ~ Days + (Days | Subject)", "--ddf", "satterthwaite", "--json",
    ]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(Math.abs(doc.fixedEffects[0].df / 16.9997262885 - 1)).toBeLessThan(1e-4);
    expect(Math.abs(doc.fixedEffects[1].df / 16.9999837256 - 1)).toBeLessThan(1e-4);
    expect(doc.fixedEffects[1].pValue).toBeGreaterThan(0);
    expect(doc.fixedEffects[1].pValue).toBeLessThan(1e-5);
  });

  it("--ddf kenward-roger on an ML fit is refused with a message", async () => {
    const { code, stderr } = await run([
      "lmm", "--data", sleepstudy, "--formula", "Reaction ~ Days + (Days | Subject)", "--ddf", "kenward-roger", "--ml",
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/REML/);
  });

  it("--ml reports the deviance and leaves remlCriterion null", async () => {
    const { code, stdout } = await run(["lmm", "--data", sleepstudy, "--formula", "Reaction ~ Days + (Days | Subject)", "--ml", "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.criterion).toBe("ML");
    expect(doc.remlCriterion).toBeNull();
    expect(Math.abs(doc.deviance - ref("sleepstudy-ml").criterion)).toBeLessThan(1e-6);
  });

  it("--levels sets the reference level (Orthodont SexFemale as in R)", async () => {
    const { stdout } = await run([
      "lmm", "--data", orthodont, "--formula", "distance ~ age*Sex + (age | Subject)", "--levels", "Sex=Male,Female", "--json",
    ]);
    const doc = JSON.parse(stdout);
    expect(doc.fixedEffects.map((f: { term: string }) => f.term)).toEqual(["(Intercept)", "age", "SexFemale", "age:SexFemale"]);
    expect(Math.abs(doc.remlCriterion - ref("orthodont-age-sex").criterion)).toBeLessThan(1e-6);
  });

  it("text output under --ddf none resembles lme4's summary", async () => {
    const { code, stdout } = await run(["lmm", "--data", sleepstudy, "--formula", "Reaction ~ Days + (Days | Subject)", "--ddf", "none"]);
    expect(code).toBe(0);
    expect(stdout).toContain("REML criterion at convergence: 1743.6");
    // lme4: Scaled residuals Min -3.9536, Median 0.0231, Max 5.1793
    expect(stdout).toMatch(/Scaled residuals:\n\s+Min\s+1Q\s+Median\s+3Q\s+Max\n\s*-3\.954\s+-0\.4634\s+0\.02312\s+0\.4634\s+5\.179/);
    expect(stdout).toMatch(/Subject\s+\(Intercept\)\s+612\.1\s+24\.74/);
    expect(stdout).toContain("Number of obs: 180, groups:  Subject, 18");
    expect(stdout).toMatch(/Days\s+10\.467\s+1\.546\s+6\.771/);
  });

  it("--by fits one model per feature and reports a failed feature in its row", async () => {
    const lines = ["feature,subject,day,value"];
    for (const feature of ["cd19", "flat", "cd4"]) {
      for (let s = 0; s < 4; s++) {
        for (let d = 0; d < 5; d++) {
          const value = feature === "flat" ? 3 : 10 + s * (feature === "cd4" ? 2 : 1) + 0.5 * d + Math.sin(7 * s + d + feature.length);
          lines.push(`${feature},s${s},${d},${value}`);
        }
      }
    }
    const file = csv("long.csv", lines);
    const { code, stdout } = await run(["lmm", "--data", file, "--formula", "value ~ day + (1 | subject)", "--by", "feature", "--workers", "1", "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.fits.map((f: { feature: string }) => f.feature)).toEqual(["cd19", "flat", "cd4"]);
    expect(doc.fits[1].error).toMatch(/constant/);
    expect(doc.fits[0].error).toBeNull();
    expect(Object.keys(doc.fits[0]).slice(2)).toEqual(contractKeys);
    // Default Satterthwaite df and p in every row; a balanced random intercept with 4 subjects x 5 days
    // gives the within-subject df 15 for day.
    expect(doc.fits[0].fixedEffects[1].df).toBeCloseTo(15, 6);
    expect(doc.fits[2].fixedEffects[1].pValue).toBeGreaterThan(0);
    const text = await run(["lmm", "--data", file, "--formula", "value ~ day + (1 | subject)", "--by", "feature", "--workers", "1"]);
    expect(text.stdout.split("\n").find((l) => l.startsWith("cd19") && l.includes("day"))?.split(/\s+/)[4]).toBe("15.00");
    const withDf = await run(["lmm", "--data", file, "--formula", "value ~ day + (1 | subject)", "--by", "feature", "--workers", "1", "--ddf", "kenward-roger", "--json"]);
    const fits = JSON.parse(withDf.stdout).fits;
    expect(fits[0].fixedEffects[1].df).toBeCloseTo(15, 6);
    expect(fits[1].error).toMatch(/constant/);
  });

  describe("inference options (issue 5) join the summary", () => {
    const sim = join(root, "datasets", "reference", "sim6x8.csv");
    it("--anova: the 1-df F of Days is t^2 with the same Satterthwaite df", async () => {
      const { code, stdout } = await run([
        "lmm", "--data", sleepstudy, "--formula", "Reaction ~ Days + (Days | Subject)", "--ddf", "satterthwaite", "--anova", "--json",
      ]);
      expect(code).toBe(0);
      const doc = JSON.parse(stdout);
      const days = doc.fixedEffects[1];
      const row = doc.inference.anova.find((a: { term: string }) => a.term === "Days");
      expect(row.statistic).toBeCloseTo(days.statistic ** 2, 8);
      expect(row.denDf).toBeCloseTo(days.df, 6);
      expect(row.pValue).toBeCloseTo(days.pValue, 10);
    });
    it("--emmeans day: with treatment contrasts and no other covariate, the means are the intercept plus each effect", async () => {
      const { code, stdout } = await run([
        "lmm", "--data", sim, "--formula", "value ~ factor(day) + (1 | subject)", "--ddf", "kenward-roger", "--emmeans", "day", "--json",
      ]);
      expect(code).toBe(0);
      const doc = JSON.parse(stdout);
      const fe = doc.fixedEffects as { term: string; estimate: number; stdError: number }[];
      const { means, contrasts } = doc.inference.emmeans;
      expect(means.map((m: { level: string }) => m.level)).toEqual(["0", "1", "3", "7", "14", "21", "28", "42"]);
      expect(means[0].estimate).toBeCloseTo(fe[0].estimate, 10);
      contrasts.forEach((c: { estimate: number; stdError: number }, k: number) => {
        expect(c.estimate).toBeCloseTo(fe[k + 1].estimate, 10);
        expect(c.stdError).toBeCloseTo(fe[k + 1].stdError, 8);
      });
    });
    it("--ci wald gives estimate -/+ t quantile x SE", async () => {
      const { stdout } = await run([
        "lmm", "--data", sleepstudy, "--formula", "Reaction ~ Days + (Days | Subject)", "--ddf", "kenward-roger", "--ci", "wald", "--json",
      ]);
      const doc = JSON.parse(stdout);
      const days = doc.fixedEffects[1];
      const interval = doc.inference.confidenceIntervals.intervals[1];
      // KR df = 17 on sleepstudy: qt(0.975, 17) = 2.109815577833181
      expect(interval.upper - days.estimate).toBeCloseTo(2.109815577833181 * days.stdError, 8);
    });
    it("--singular-df kenward-roger reports KR's between-batch df on the singular Dyestuff2 fit (29 -> 5)", async () => {
      const dyestuff2 = join(root, "datasets", "reference", "Dyestuff2.csv");
      const args = ["lmm", "--data", dyestuff2, "--formula", "Yield ~ 1 + (1 | Batch)", "--ddf", "satterthwaite", "--json"];
      const asFitted = JSON.parse((await run(args)).stdout);
      const kr = JSON.parse((await run([...args, "--singular-df", "kenward-roger"])).stdout);
      expect(asFitted.singular).toBe(true);
      expect(asFitted.fixedEffects[0].df).toBeCloseTo(29, 6);
      expect(kr.fixedEffects[0].df).toBeCloseTo(5, 6);
    });
    it("with --by they are refused", async () => {
      const { code, stderr } = await run(["lmm", "--data", sleepstudy, "--formula", "Reaction ~ Days + (1 | Subject)", "--by", "Subject", "--anova"]);
      expect(code).toBe(1);
      expect(stderr).toMatch(/single fit/);
    });
  });

  describe("bad input exits 1 with a message and no stack", () => {
    const good = csv("good.csv", ["y,x,g,one,chr", ...[...Array(12).keys()].map((i) => `${i % 5 + i / 3},${i},g${i % 3},same,${i % 2 ? "a" : "b"}`)]);
    const constant = csv("constant.csv", ["y,x,g", ...[...Array(12).keys()].map((i) => `4,${i},g${i % 3}`)]);
    it.each([
      ["formula syntax error with a caret", good, "y ~ x + (1 | g", /expected '\)' before the end\n\s+y ~ x \+ \(1 \| g\n\s+\^/],
      ["unknown column", good, "y ~ age + (1 | g)", /unknown column 'age'/],
      ["grouping factor with one level", good, "y ~ x + (1 | one)", /'one' has only 1 level/],
      ["as many random effects as observations", good, "y ~ x + (1 | x)", /12 levels for 12 observations/],
      ["constant response", constant, "y ~ x + (1 | g)", /constant/],
      ["non-numeric response", good, "chr ~ x + (1 | g)", /must be numeric/],
    ])("%s", async (_name, file, formula, message) => {
      const { code, stderr, stdout } = await run(["lmm", "--data", file, "--formula", formula]);
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/\n\s+at /);
    });
    it("a random-slope term with as many effects as observations", async () => {
      const tiny = csv("tiny.csv", ["y,x,g", "1,1,a", "2,2,a", "3,1,b", "5,2,b"]);
      const { code, stderr } = await run(["lmm", "--data", tiny, "--formula", "y ~ 1 + (x | g)"]);
      expect(code).toBe(1);
      expect(stderr).toMatch(/4 random effects for 4 observations/);
    });
  });
});

describe("biomarker lmm on censored values", () => {
  const long = join(root, "packages", "lmm", "test", "fixtures", "censored-ri11.csv");
  const censoredOracle = JSON.parse(readFileSync(join(root, "packages", "lmm", "test", "fixtures", "censored-r.json"), "utf8")) as {
    censored: { name: string; logLik: number; bound?: { term: string; value: number } }[];
    uncensored: { name: string; logLik: number }[];
  };
  const ri11 = censoredOracle.censored.find((c) => c.name === "ri11") as (typeof censoredOracle.censored)[number];
  const formula = "value ~ visit + (1 | subject)";

  it("with censored rows the censored likelihood is the default: criterion ML, censoring block, the oracle's logLik, a bound for the all-censored visit", async () => {
    const { code, stdout } = await run(["lmm", "--data", long, "--formula", formula, "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc)).toEqual([...contractKeys, "censoring", "ddf"]);
    expect(doc).toMatchObject({ criterion: "ML", nObs: 66, remlCriterion: null, censoring: { method: "likelihood", nCensored: 14 } });
    expect(doc.censoring.nAGQ).toBeGreaterThanOrEqual(1);
    expect(doc.logLik).toBeGreaterThan(ri11.logLik - 1e-6);
    const v3 = doc.fixedEffects.find((f: { term: string }) => f.term === "visitV03");
    expect(v3).toMatchObject({ estimate: null, stdError: null, pValue: null, bound: { side: "upper", level: 0.95 } });
    expect(Math.abs(v3.bound.value - (ri11.bound?.value as number))).toBeLessThan(1e-4);
    expect(v3.note).toMatch(/not estimable/);
  });

  it("--censoring exclude and half-limit fit the ordinary model on the remaining or substituted rows", async () => {
    const excluded = JSON.parse((await run(["lmm", "--data", long, "--formula", formula, "--censoring", "exclude", "--ml", "--json"])).stdout);
    expect(excluded).toMatchObject({ criterion: "ML", nObs: 52 });
    expect(excluded.censoring).toBeUndefined();
    const half = JSON.parse((await run(["lmm", "--data", long, "--formula", formula, "--censoring", "half-limit", "--json"])).stdout);
    expect(half).toMatchObject({ criterion: "REML", nObs: 66 });
  });

  it("--nagq fixes the quadrature; it is an input error without the censored likelihood; unknown --censoring values exit 2", async () => {
    const fixed = JSON.parse((await run(["lmm", "--data", long, "--formula", formula, "--nagq", "5", "--json"])).stdout);
    expect(fixed.censoring.nAGQ).toBe(5);
    const wrong = await run(["lmm", "--data", long, "--formula", formula, "--censoring", "limit", "--nagq", "5"]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/--nagq applies to --censoring likelihood/);
    expect((await run(["lmm", "--data", long, "--formula", formula, "--censoring", "tobit"])).code).toBe(2);
  });

  it("--by feature fits each feature by the censored likelihood; an uncensored feature gets lme4's ML fit", async () => {
    const rows = readFileSync(long, "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
    const header = readFileSync(long, "utf8").split("\n")[0].split(",").map((h) => h.replace(/"/g, ""));
    const at = (r: string[], name: string) => r[header.indexOf(name)];
    const lines = ["subject,visit,feature,value,censored,limit"];
    for (const r of rows) lines.push([at(r, "subject"), at(r, "visit"), "b_cells", at(r, "value"), at(r, "censored"), at(r, "censored") === '""' ? "" : at(r, "limit")].join(","));
    for (const r of rows) lines.push([at(r, "subject"), at(r, "visit"), "t_cells", at(r, "latent"), "", ""].join(","));
    const file = csv("censored-long.csv", lines);
    const { code, stdout } = await run(["lmm", "--data", file, "--formula", formula, "--by", "feature", "--json"]);
    expect(code).toBe(0);
    const fits = JSON.parse(stdout).fits;
    expect(fits.map((f: { feature: string }) => f.feature)).toEqual(["b_cells", "t_cells"]);
    expect(fits[0].censoring.nCensored).toBe(14);
    expect(fits[0].logLik).toBeGreaterThan(ri11.logLik - 1e-6);
    const lmer = censoredOracle.uncensored.find((c) => c.name === "ri11-uncensored") as (typeof censoredOracle.uncensored)[number];
    expect(fits[1].censoring.nCensored).toBe(0);
    expect(Math.abs(fits[1].logLik - lmer.logLik)).toBeLessThan(1e-7);
  });

  it("prints a text summary with the one-sided bound", async () => {
    const { code, stdout } = await run(["lmm", "--data", long, "--formula", formula]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Censored-Gaussian \(Tobit\) linear mixed model fit by maximum likelihood/);
    expect(stdout).toMatch(/visitV03\s+<= -1\.7\d+ \(95% one-sided\)/);
  });
});
