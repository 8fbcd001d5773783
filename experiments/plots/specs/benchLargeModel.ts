// bench-largeModel: peak RSS of the site side and of the coordinator against model size, beside one update's bytes
// and twice that (the bound), and the seconds to encrypt and to upload one update.
import type { TopLevelSpec } from 'vega-lite';
import { field, rowsWith } from '../resultRows.ts';

export function benchLargeModelPlot(file: string, result: unknown): TopLevelSpec {
  const rows = rowsWith(file, field(file, result, 'rows'), ['params', 'updateMb', 'sitePeakRssMb', 'coordinatorPeakRssMb', 'encryptSec', 'uploadSec']);
  const memory = rows.flatMap((row) => [
    { params: row.params, series: 'one update (bytes)', mb: row.updateMb },
    { params: row.params, series: 'twice one update', mb: 2 * Number(row.updateMb) },
    { params: row.params, series: 'site peak RSS', mb: row.sitePeakRssMb },
    { params: row.params, series: 'coordinator peak RSS', mb: row.coordinatorPeakRssMb },
    // Rows since the streaming fold split the coordinator's RSS: its heap and wasm apart from lmdb's mapped file pages.
    ...('coordinatorPeakAnonMb' in row ? [{ params: row.params, series: 'coordinator peak anon RSS (heap, wasm)', mb: row.coordinatorPeakAnonMb }] : []),
  ]);
  const seconds = rows.flatMap((row) => [
    { params: row.params, step: 'encrypt + sign', seconds: row.encryptSec },
    { params: row.params, step: 'upload (folded, durable)', seconds: row.uploadSec },
  ]);
  const x = { field: 'params', type: 'quantitative', scale: { type: 'log' }, title: 'model parameters' } as const;
  return {
    title: 'Large model, one CKKS round, 2 sites (npm run bench -- largeModel)',
    resolve: { scale: { color: 'independent' } },
    hconcat: [
      {
        data: { values: memory },
        width: 320,
        height: 260,
        mark: { type: 'line', point: true },
        encoding: { x, y: { field: 'mb', type: 'quantitative', scale: { type: 'log' }, title: 'MB' }, color: { field: 'series', type: 'nominal', legend: { orient: 'bottom', title: null, columns: 2, labelLimit: 240 } } },
      },
      {
        data: { values: seconds },
        width: 320,
        height: 260,
        mark: { type: 'line', point: true },
        encoding: { x, y: { field: 'seconds', type: 'quantitative', scale: { type: 'log' }, title: 'seconds per update' }, color: { field: 'step', type: 'nominal', legend: { orient: 'bottom', title: null, labelLimit: 240 } } },
      },
    ],
  };
}
