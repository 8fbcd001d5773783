// bench-serve: latency of a bedside prediction, p50 and p99 per measure (the forward pass alone, in process, over HTTP).
import type { TopLevelSpec } from 'vega-lite';
import { field, rowsWith } from '../resultRows.ts';

export function benchServePlot(file: string, result: unknown): TopLevelSpec {
  const rows = rowsWith(file, field(file, result, 'rows'), ['measure', 'p50Ms', 'p99Ms']).flatMap((row) => [
    { measure: row.measure, quantile: 'p50', ms: row.p50Ms },
    { measure: row.measure, quantile: 'p99', ms: row.p99Ms },
  ]);
  return {
    title: 'Bedside prediction latency, one patient (npm run bench -- serve)',
    data: { values: rows },
    width: 420,
    height: 240,
    // Points, not bars: a bar on a log scale has no zero to start from.
    mark: { type: 'point', filled: true, size: 90 },
    encoding: {
      y: { field: 'measure', type: 'nominal', title: null, sort: null, axis: { labelLimit: 480 } },
      x: { field: 'ms', type: 'quantitative', title: 'milliseconds (log scale)', scale: { type: 'log' } },
      color: { field: 'quantile', type: 'nominal', legend: { orient: 'bottom', title: null } },
      shape: { field: 'quantile', type: 'nominal' },
    },
  };
}
