import type { ReconstitutionSection } from "../results.js";
import { displayCell } from "./display.js";

/** The reconstitution result in one paragraph: the rule, the Turnbull median with the interval it is known
 *  to lie in and its bootstrap interval, and the Kaplan-Meier sensitivity median. Empty without depleted subjects. */
export function reconstitutionSentence(section: ReconstitutionSection): string {
  const km = section.kaplanMeier;
  const tb = section.turnbull;
  if (!km || !tb) return "";
  const days = (x: number | null): string => (x === null ? "not reached" : `${displayCell(x)} days`);
  const { fit, medianInterval: ci } = tb;
  const level = `${Math.round(ci.level * 100)}%`;
  const median = fit.median === null
    ? "not reached"
    : `${days(fit.median)}${fit.medianInterval && fit.medianInterval.lower !== fit.medianInterval.upper ? ` (survfit's midpoint of (${displayCell(fit.medianInterval.lower)}, ${displayCell(fit.medianInterval.upper)}], the interval in which the estimate crosses 0.5)` : ""}`;
  const interval = `${level} subject-bootstrap interval ${ci.lower === null ? "not reached" : displayCell(ci.lower)} to ${ci.upper === null ? "not reached" : displayCell(ci.upper)} (${ci.replicates} resamples)`;
  return (
    `Reconstitution rule: ${section.rule}. ` +
    `Median time to reconstitution (Turnbull NPMLE, each event between the last visit below and the first at or above the threshold): ${median}; ${interval}. ` +
    `${km.events} of ${km.n} depleted subjects reconstituted. ` +
    `Sensitivity (Kaplan-Meier, first visit at or above the threshold as the event day): median ${days(km.median)}.`
  );
}
