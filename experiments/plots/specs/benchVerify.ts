// bench-verify: a site's aggregate check (leaf signatures + sum check) next to decrypting the same aggregate, per sites.
import type { TopLevelSpec } from 'vega-lite';
import { field, rowsWith } from '../resultRows.ts';

export function benchVerifyPlot(file: string, result: unknown): TopLevelSpec {
  const rows = rowsWith(file, field(file, result, 'rows'), ['sites', 'verifyMsPerSite', 'decryptMsPerSite']).flatMap((row) => [
    { sites: row.sites, work: 'check the aggregate', ms: row.verifyMsPerSite },
    { sites: row.sites, work: 'decrypt the aggregate', ms: row.decryptMsPerSite },
  ]);
  return {
    title: 'A site\'s aggregate check vs decrypting it, 1M parameters (npm run bench -- verify)',
    data: { values: rows },
    width: 360,
    height: 260,
    mark: 'bar',
    encoding: {
      x: { field: 'sites', type: 'ordinal', title: 'sites in the round', axis: { labelAngle: 0 } },
      xOffset: { field: 'work' },
      y: { field: 'ms', type: 'quantitative', title: 'wall time per site, median (ms)' },
      color: { field: 'work', type: 'nominal', legend: { orient: 'bottom', title: null, labelLimit: 300 } },
    },
  };
}
