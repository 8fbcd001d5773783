// bench-round: round wall time of each codec pair per model size (threshold CKKS vs plaintext, and vs the single-key
// codec it replaced), and the coordinator's peak RSS against sites.
import type { TopLevelSpec } from 'vega-lite';
import { field, rowsWith } from '../resultRows.ts';

export function benchRoundPlot(file: string, result: unknown): TopLevelSpec {
  const all = field(file, result, 'rows');
  const times = rowsWith(file, all, ['params', 'codecs', 'firstSec', 'secondSec']).flatMap((row) => {
    const [first, second] = String(row.codecs).split(' / ');
    const pair = `${Number(row.params).toLocaleString('en-US')}: ${String(row.codecs)}`;
    return [{ pair, codec: first, seconds: row.firstSec }, { pair, codec: second, seconds: row.secondSec }];
  });
  const memory = rowsWith(file, all, ['sites', 'coordinatorPeakRssMb']);
  return {
    title: 'Federated round (npm run bench -- round)',
    hconcat: [
      {
        data: { values: times },
        width: 300,
        height: 260,
        mark: 'bar',
        encoding: {
          x: { field: 'pair', type: 'ordinal', sort: null, title: 'model parameters: codecs compared' },
          xOffset: { field: 'codec' },
          y: { field: 'seconds', type: 'quantitative', title: 'round wall time (s)' },
          color: { field: 'codec', type: 'nominal', legend: { orient: 'bottom', title: null } },
        },
      },
      {
        data: { values: memory },
        width: 260,
        height: 260,
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'sites', type: 'quantitative', scale: { type: 'log', base: 2 }, title: 'sites in the round' },
          y: { field: 'coordinatorPeakRssMb', type: 'quantitative', scale: { zero: true }, title: 'coordinator peak RSS (MB)' },
        },
      },
    ],
  };
}
