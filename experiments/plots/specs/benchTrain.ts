// bench-train: local training throughput per TensorFlow.js backend and model.
import type { TopLevelSpec } from 'vega-lite';
import { field, rowsWith } from '../resultRows.ts';

export function benchTrainPlot(file: string, result: unknown): TopLevelSpec {
  const rows = rowsWith(file, field(file, result, 'rows'), ['backend', 'model', 'examplesPerSec']);
  return {
    title: 'Local training throughput (npm run bench -- train)',
    data: { values: rows },
    width: 360,
    height: 260,
    mark: 'bar',
    encoding: {
      x: { field: 'model', type: 'nominal', title: null, axis: { labelAngle: 0 } },
      xOffset: { field: 'backend' },
      y: { field: 'examplesPerSec', type: 'quantitative', title: 'training examples / s' },
      color: { field: 'backend', type: 'nominal', legend: { orient: 'bottom', title: 'backend' } },
    },
  };
}
