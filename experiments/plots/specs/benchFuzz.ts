// bench-fuzz: the coordinator's answers to 10,000 malformed messages, stacked by status within each category.
import type { TopLevelSpec } from 'vega-lite';
import { field, rowsWith } from '../resultRows.ts';

export function benchFuzzPlot(file: string, result: unknown): TopLevelSpec {
  const rows = rowsWith(file, field(file, result, 'rows'), ['category', 'status', 'count']);
  return {
    title: 'Coordinator answers to malformed messages from an authenticated site (npm run bench -- fuzz)',
    data: { values: rows },
    width: 360,
    height: 300,
    mark: 'bar',
    encoding: {
      x: { field: 'category', type: 'nominal', title: 'what was malformed', axis: { labelAngle: 0 }, sort: ['bytes', 'fields', 'ciphertext', 'envelope'] },
      y: { field: 'count', type: 'quantitative', stack: 'zero', title: 'messages' },
      // Twenty colours: a run meets more statuses than the default ten, which would repeat.
      color: { field: 'status', type: 'nominal', title: 'status (medfl code, else gRPC)', scale: { scheme: 'category20' }, legend: { labelLimit: 300, titleLimit: 300 } },
      order: { field: 'count', type: 'quantitative', sort: 'descending' },
      tooltip: [{ field: 'category' }, { field: 'status' }, { field: 'grpcStatus' }, { field: 'count' }],
    },
  };
}
