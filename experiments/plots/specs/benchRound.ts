// bench-round: round wall time CKKS vs plaintext per model size, and the coordinator's peak RSS against sites.
import type { TopLevelSpec } from 'vega-lite';
import { field, rowsWith } from '../resultRows.ts';

export function benchRoundPlot(file: string, result: unknown): TopLevelSpec {
  const all = field(file, result, 'rows');
  const times = rowsWith(file, all, ['params', 'encryptedSec', 'plaintextSec']).flatMap((row) => [
    { params: row.params, codec: 'CKKS', seconds: row.encryptedSec },
    { params: row.params, codec: 'plaintext', seconds: row.plaintextSec },
  ]);
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
          x: { field: 'params', type: 'ordinal', title: 'model parameters' },
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
