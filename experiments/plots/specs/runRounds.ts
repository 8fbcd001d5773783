// run-*: a federated run's per-round Avg accuracy and AUROC over the sites, with FLamby's FedAvg reference if given.
import type { TopLevelSpec } from 'vega-lite';
import { field, rowsWith } from '../resultRows.ts';

export function runRoundsPlot(file: string, result: unknown): TopLevelSpec {
  const rounds = rowsWith(file, field(file, result, 'rounds'), ['round', 'avgAccuracy', 'avgAuroc']).flatMap((row) => [
    { round: row.round, metric: 'mean site accuracy', value: row.avgAccuracy },
    { round: row.round, metric: 'mean site AUROC', value: row.avgAuroc },
  ]);
  const reference = (result as { flambyFedAvgAvg4?: unknown }).flambyFedAvgAvg4;
  return {
    title: `${String((result as { plan?: unknown }).plan ?? file)}: metrics of each round's global model`,
    width: 480,
    height: 300,
    layer: [
      {
        data: { values: rounds },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'round', type: 'quantitative', title: 'round' },
          y: { field: 'value', type: 'quantitative', scale: { domain: [0.5, 1] }, title: 'validation metric' },
          color: { field: 'metric', type: 'nominal', legend: { orient: 'bottom', title: null } },
        },
      },
      ...(typeof reference === 'number'
        ? [
            { data: { values: [{ reference }] }, mark: { type: 'rule' as const, strokeDash: [6, 4], color: 'gray' }, encoding: { y: { field: 'reference', type: 'quantitative' as const } } },
            {
              data: { values: [{ reference, label: `FLamby FedAvg accuracy ${(reference * 100).toFixed(1)} %` }] },
              mark: { type: 'text' as const, align: 'left' as const, dx: 4, dy: -6, color: 'gray' },
              encoding: { y: { field: 'reference', type: 'quantitative' as const }, x: { datum: 1 }, text: { field: 'label' } },
            },
          ]
        : []),
    ],
  } as TopLevelSpec;
}
