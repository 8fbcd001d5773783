// soak: each round's wall time (marked by its fault) and the coordinator's and site hosts' memory against round, and,
// when the soak also ran smaller consortia, the median round time against sites.
import type { TopLevelSpec } from 'vega-lite';
import { field, rowsWith } from '../resultRows.ts';

export function soakPlot(file: string, result: unknown): TopLevelSpec {
  const rounds = rowsWith(file, field(file, result, 'rounds'), ['round', 'seconds', 'fault', 'coordinatorRssMb', 'hostsRssMb']);
  const memory = rounds.flatMap((row) => [
    { round: row.round, process: 'coordinator', mb: row.coordinatorRssMb },
    // Older results lack these columns; their series are left out of the plot.
    { round: row.round, process: 'coordinator, anonymous RSS', mb: row.coordinatorAnonMb ?? null },
    { round: row.round, process: 'coordinator, V8 heap in use', mb: row.coordinatorHeapUsedMb ?? null },
    { round: row.round, process: 'coordinator, V8 heap after GC', mb: row.coordinatorHeapAfterGcMb ?? null },
    { round: row.round, process: 'site hosts (sum)', mb: row.hostsRssMb },
    { round: row.round, process: 'site hosts, anonymous RSS', mb: row.hostsAnonMb ?? null },
    { round: row.round, process: 'site hosts, V8 heap after GC', mb: row.hostsHeapAfterGcMb ?? null },
  ]).filter((row) => row.mb !== null);
  const sweep = result !== null && typeof result === 'object' && 'sweep' in result ? rowsWith(file, field(file, result, 'sweep'), ['sites', 'medianRoundSeconds']) : [];
  const panel = { width: 300, height: 240 };
  return {
    title: 'Soak: one fault per round (npm run bench -- soak)',
    // Faults and processes are different things: each panel keeps its own colours and legend.
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
    hconcat: [
      {
        ...panel,
        data: { values: rounds },
        mark: { type: 'point', filled: true },
        encoding: {
          x: { field: 'round', type: 'quantitative', title: 'round' },
          y: { field: 'seconds', type: 'quantitative', scale: { type: 'log' }, title: 'round wall time, commit to commit (s)' },
          color: { field: 'fault', type: 'nominal', legend: { orient: 'bottom', columns: 2, title: null } },
        },
      },
      {
        ...panel,
        data: { values: memory },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'round', type: 'quantitative', title: 'round' },
          y: { field: 'mb', type: 'quantitative', scale: { zero: true }, title: 'memory at commit (MB)' },
          color: { field: 'process', type: 'nominal', legend: { orient: 'bottom', columns: 2, title: null, labelLimit: 320 } },
        },
      },
      ...(sweep.length > 1
        ? [{
          ...panel,
          data: { values: sweep },
          mark: { type: 'line' as const, point: true },
          encoding: {
            x: { field: 'sites', type: 'quantitative' as const, scale: { type: 'log' as const, base: 2 }, axis: { values: sweep.map((row) => row.sites as number) }, title: 'sites' },
            y: { field: 'medianRoundSeconds', type: 'quantitative' as const, scale: { zero: true }, title: 'median round time, rounds 2..n (s)' },
          },
        }]
        : []),
    ],
  };
}
