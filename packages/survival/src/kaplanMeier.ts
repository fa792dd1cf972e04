import { normalQuantile } from "@biomarker/numerics";

/** One step of a Kaplan-Meier curve: the estimate just after `time`. */
export interface KaplanMeierStep {
  time: number;
  atRisk: number;
  events: number;
  censored: number;
  survival: number;
  /** Greenwood standard error of -log S(t) (R survfit's `std.err`). */
  stdErrLog: number;
  /** null where S(t) = 0 (the log interval is undefined there, NA in R). */
  lower: number | null;
  upper: number | null;
}

export interface KaplanMeierCurve {
  n: number;
  events: number;
  steps: KaplanMeierStep[];
  /** Median time (R survfit's rule, see kaplanMeierMedian); null if S(t) never reaches 0.5. */
  median: number | null;
  confLevel: number;
}

/**
 * Kaplan-Meier product-limit estimator (Kaplan & Meier 1958): S(t) = prod_{t_i <= t} (1 - d_i / n_i),
 * with Greenwood's variance on the log scale, var(log S) = sum d_i / (n_i (n_i - d_i)), and R survfit's
 * default `conf.type = "log"` interval S exp(+/- z se), clipped to [0, 1]. One step per distinct time
 * with an event or a censoring, like survfit's summary(censored = TRUE).
 */
export function kaplanMeier(times: readonly number[], event: readonly boolean[], confLevel = 0.95): KaplanMeierCurve {
  const order = times.map((_, i) => i).sort((a, b) => times[a] - times[b]);
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const steps: KaplanMeierStep[] = [];
  let atRisk = times.length;
  let survival = 1;
  let greenwood = 0;
  let totalEvents = 0;
  for (let k = 0; k < order.length; ) {
    const time = times[order[k]];
    let events = 0;
    let censored = 0;
    while (k < order.length && times[order[k]] === time) {
      if (event[order[k]]) events++;
      else censored++;
      k++;
    }
    if (events > 0) {
      survival *= 1 - events / atRisk;
      greenwood += atRisk === events ? Infinity : events / (atRisk * (atRisk - events));
    }
    const stdErrLog = Math.sqrt(greenwood);
    const finite = survival > 0 && Number.isFinite(stdErrLog);
    steps.push({
      time,
      atRisk,
      events,
      censored,
      survival,
      stdErrLog,
      lower: finite ? survival * Math.exp(-z * stdErrLog) : null,
      upper: finite ? Math.min(1, survival * Math.exp(z * stdErrLog)) : null,
    });
    totalEvents += events;
    atRisk -= events + censored;
  }
  return { n: times.length, events: totalEvents, steps, median: kaplanMeierMedian(steps), confLevel };
}

/**
 * R survfit's median: the smallest time with S(t) <= 0.5, except that when the curve sits exactly at 0.5
 * (to 1e-12) the median is the midpoint between that time and the next event time.
 */
export function kaplanMeierMedian(steps: readonly { time: number; events: number; survival: number }[]): number | null {
  const i = steps.findIndex((s) => s.survival <= 0.5 + 1e-12);
  if (i < 0) return null;
  if (Math.abs(steps[i].survival - 0.5) > 1e-12) return steps[i].time;
  const next = steps.slice(i + 1).find((s) => s.events > 0);
  return next ? (steps[i].time + next.time) / 2 : steps[i].time;
}
