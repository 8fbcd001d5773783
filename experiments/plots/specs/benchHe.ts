// bench-he: bytes on the wire relative to fp32 per CKKS setting and model size (log scale), goal line at 2.0.
import type { TopLevelSpec } from 'vega-lite';
import { field, rowsWith } from '../resultRows.ts';

export function benchHePlot(file: string, result: unknown): TopLevelSpec {
  const rows = rowsWith(file, field(file, result, 'rows'), ['setting', 'params', 'bytesRatio']);
  return {
    title: 'CKKS update size vs plaintext fp32 (npm run bench -- he)',
    width: 520,
    height: 300,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'params', type: 'quantitative', scale: { type: 'log' }, title: 'model parameters' },
          y: { field: 'bytesRatio', type: 'quantitative', scale: { type: 'log' }, title: 'bytes on the wire / fp32 bytes' },
          color: { field: 'setting', type: 'nominal', legend: { orient: 'bottom', direction: 'vertical', title: null, labelLimit: 720 } },
        },
      },
      { data: { values: [{ goal: 2 }] }, mark: { type: 'rule', strokeDash: [6, 4], color: 'gray' }, encoding: { y: { field: 'goal', type: 'quantitative' } } },
    ],
  };
}
