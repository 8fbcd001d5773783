// bench-round: round wall time and CPU seconds (all the run's processes) of each codec pair per model size (threshold
// CKKS vs plaintext, and vs the single-key codec it replaced), and the coordinator's peak RSS against sites.
import type { TopLevelSpec } from 'vega-lite';
import { field, rowsWith, type ResultRow } from '../resultRows.ts';

/** A spec that can stand in an hconcat. */
type Panel = Extract<TopLevelSpec, { hconcat: unknown }>['hconcat'][number];

/** One bar per codec of each compared pair, `first`/`second` naming the row's fields for the codecs' values. */
function pairBars(rows: ResultRow[], first: string, second: string, title: string): Panel {
  const values = rows.flatMap((row) => {
    const [a, b] = String(row.codecs).split(' / ');
    const pair = `${Number(row.params).toLocaleString('en-US')}: ${String(row.codecs)}`;
    return [{ pair, codec: a, seconds: row[first] }, { pair, codec: b, seconds: row[second] }];
  });
  return {
    data: { values },
    width: 300,
    height: 260,
    mark: 'bar',
    encoding: {
      x: { field: 'pair', type: 'ordinal', sort: null, title: 'model parameters: codecs compared' },
      xOffset: { field: 'codec' },
      y: { field: 'seconds', type: 'quantitative', title },
      color: { field: 'codec', type: 'nominal', legend: { orient: 'bottom', title: null } },
    },
  };
}

export function benchRoundPlot(file: string, result: unknown): TopLevelSpec {
  const all = field(file, result, 'rows');
  const times = rowsWith(file, all, ['params', 'codecs', 'firstSec', 'secondSec']);
  // Results written before the bench read CPU time have no such rows: their plot keeps two panels.
  const cpu = times.filter((row) => typeof row.firstCpuSec === 'number' && typeof row.secondCpuSec === 'number');
  const memory = rowsWith(file, all, ['sites', 'coordinatorPeakRssMb']);
  return {
    title: 'Federated round (npm run bench -- round)',
    hconcat: [
      pairBars(times, 'firstSec', 'secondSec', 'round wall time (s)'),
      ...(cpu.length > 0 ? [pairBars(cpu, 'firstCpuSec', 'secondCpuSec', 'CPU seconds per round, all processes')] : []),
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
