// The natural split: one client per site, as the data came (e.g. the hospitals of a generated consortium).
import type { SiteSplit, TabularDataset } from '../tabular.ts';

/** Each site's training rows as one client, in the order given. */
export function bySitePartition(sites: readonly SiteSplit[]): { site: string; data: TabularDataset }[] {
  return sites.map((site) => ({ site: site.site, data: site.train }));
}
