// Least-squares slope of memory against round, for the soak's "memory stays flat" check. Samples are grouped by the
// process's lifetime (a restarted coordinator starts low again): each group gets its own intercept, one slope for all.

export interface RssSample {
  readonly round: number;
  readonly mb: number;
  /** Which lifetime of the process the sample is from. */
  readonly life: number;
}

/** MB per round; null with fewer than two distinct rounds in any lifetime. */
export function rssSlope(samples: readonly RssSample[]): number | null {
  const lives = new Map<number, RssSample[]>();
  for (const sample of samples) lives.set(sample.life, [...(lives.get(sample.life) ?? []), sample]);
  let covariance = 0;
  let variance = 0;
  for (const group of lives.values()) {
    const meanRound = group.reduce((sum, s) => sum + s.round, 0) / group.length;
    const meanMb = group.reduce((sum, s) => sum + s.mb, 0) / group.length;
    for (const sample of group) {
      covariance += (sample.round - meanRound) * (sample.mb - meanMb);
      variance += (sample.round - meanRound) ** 2;
    }
  }
  return variance > 0 ? covariance / variance : null;
}
