import type { BootstrapDistribution } from "./bootstrap.js";

export interface LeaveOneOutInfluence {
  /** Output names (statistics or features). */
  statistics: string[];
  /** influence[j][i] = theta_j(-i) - theta_j: how much removing unit i moves output j (null if undefined). */
  influence: (number | null)[][];
  /** Per output, the unit whose removal moves the estimate most (its index), null when none is defined. */
  mostInfluential: (number | null)[];
}

/**
 * Leave-one-unit-out (jackknife) influence of every unit on every output of a bootstrap distribution:
 * theta_(-i) - theta, from the leave-one-out values `bootstrap` computes. For a cluster bootstrap the
 * unit is the subject, so this is the influence of each patient on each feature's association.
 */
export function leaveOneOutInfluence(distribution: BootstrapDistribution): LeaveOneOutInfluence {
  const n = distribution.unitCount;
  const influence = distribution.names.map((_, j) =>
    Array.from({ length: n }, (_, i) => {
      const d = distribution.jackknife[j * n + i] - distribution.estimates[j];
      return Number.isNaN(d) ? null : d;
    }),
  );
  const mostInfluential = influence.map((row) => {
    let best: number | null = null;
    row.forEach((d, i) => {
      if (d !== null && (best === null || Math.abs(d) > Math.abs(row[best] as number))) best = i;
    });
    return best;
  });
  return { statistics: [...distribution.names], influence, mostInfluential };
}
