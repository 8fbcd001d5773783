// A site's record of the differential-privacy budget it spends, as the update path needs it.
export interface PrivacySpend {
  /**
   * Records, durably and before training, that this site trains for `task`, and returns its cumulative ε after this
   * training in millionths (rounded up) at the plan's δ; throws PRIVACY_BUDGET_EXHAUSTED when that passes the
   * operator's budget. `trainingRows` is the size of the site's training set (the sampling rate's denominator).
   */
  reserve(task: { readonly runId: string; readonly round: number; readonly attempt: number }, trainingRows: number): number;
}
