// A warning for each site whose data hold no outcome at all: a plan's outcome coding or horizon that matches nothing
// yields label rate 0, which trains a model that always says "no" and leaves AUROC undefined, yet is no error.
import type { SiteSplit } from './tabular.ts';

export interface SiteLabelRate {
  readonly site: string;
  readonly labelRate: number;
}

/** Share of positive labels over a split's training and test rows together. */
export function splitLabelRate(split: SiteSplit): SiteLabelRate {
  const rows = split.train.rows + split.test.rows;
  const positives = [...split.train.labels, ...split.test.labels].reduce((sum, label) => sum + label, 0);
  return { site: split.site, labelRate: rows === 0 ? 0 : positives / rows };
}

/** One line per site with label rate 0, naming it. */
export function noOutcomeWarnings(sites: readonly SiteLabelRate[]): string[] {
  return sites
    .filter((site) => site.labelRate === 0)
    .map((site) => `warning: ${site.site} has no outcomes (label rate 0); check the plan's outcome coding, window and horizon`);
}
