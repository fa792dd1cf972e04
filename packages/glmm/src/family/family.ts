import { logGamma } from "./logGamma.js";

export type FamilyName = "binomial" | "poisson";

/**
 * An exponential family with its canonical link (binomial-logit, Poisson-log), per observation with
 * response y (successes, or a count) and trials m (binomial; 1 for Poisson). With the canonical link the
 * Fisher weight equals the negative second derivative of the log-density in eta, so penalized IRLS is
 * Newton's method (McCullagh & Nelder 1989, sec. 2.5).
 */
export interface Family {
  readonly name: FamilyName;
  readonly link: "logit" | "log";
  /** log p(y | eta) = logKernel(y, m, eta) + logConstant(y, m) (R's dbinom / dpois with log = TRUE). */
  logKernel(y: number, m: number, eta: number): number;
  /** The part of log p free of eta: log choose(m, y) or -log y!. */
  logConstant(y: number, m: number): number;
  /** log p(y | saturated mean) - logConstant: -2 (log p - log p_sat) is the deviance residual. */
  saturatedLogKernel(y: number, m: number): number;
  /** d log p / d eta = y - m mu. */
  score(y: number, m: number, eta: number): number;
  /** -d^2 log p / d eta^2: m mu (1 - mu) or mu. */
  weight(m: number, eta: number): number;
  /** Mean of the response on the data scale: m mu. */
  mean(m: number, eta: number): number;
}

/** log(1 + e^x) without overflow. */
const log1pExp = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
const logistic = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const logChoose = (m: number, k: number): number => logGamma(m + 1) - logGamma(k + 1) - logGamma(m - k + 1);
/** x log(x / m) with 0 log 0 = 0. */
const xlogx = (x: number, m: number): number => (x === 0 ? 0 : x * Math.log(x / m));

/** Binomial with logit link: log p = log choose(m, y) + y eta - m log(1 + e^eta). */
export const binomial: Family = {
  name: "binomial",
  link: "logit",
  logKernel: (y, m, eta) => y * eta - m * log1pExp(eta),
  logConstant: (y, m) => logChoose(m, y),
  saturatedLogKernel: (y, m) => xlogx(y, m) + xlogx(m - y, m),
  score: (y, m, eta) => y - m * logistic(eta),
  weight: (m, eta) => {
    const p = logistic(eta);
    return m * p * (1 - p);
  },
  mean: (m, eta) => m * logistic(eta),
};

/** Poisson with log link: log p = y eta - e^eta - log y!. */
export const poisson: Family = {
  name: "poisson",
  link: "log",
  logKernel: (y, _m, eta) => y * eta - Math.exp(eta),
  logConstant: (y) => -logGamma(y + 1),
  saturatedLogKernel: (y) => (y === 0 ? 0 : y * Math.log(y) - y),
  score: (y, _m, eta) => y - Math.exp(eta),
  weight: (_m, eta) => Math.exp(eta),
  mean: (_m, eta) => Math.exp(eta),
};

export const families: Record<FamilyName, Family> = { binomial, poisson };
