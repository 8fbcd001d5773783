// baseline-*: each centre's test accuracy (mean ± std over seeds) for the model trained pooled or per centre.
import type { TopLevelSpec } from 'vega-lite';
import { MedflError } from '../../../common/MedflError.ts';
import { field, rowsWith } from '../resultRows.ts';

interface SeedStat {
  readonly mean: number;
  readonly std: number;
}

export function baselinePlot(file: string, result: unknown): TopLevelSpec {
  const values = rowsWith(file, field(file, result, 'rows'), ['trainedOn', 'sites']).flatMap((row) =>
    Object.entries(row.sites as Record<string, { accuracy?: SeedStat }>).map(([site, stats]) => {
      if (typeof stats.accuracy?.mean !== 'number') throw new MedflError('FILE_UNREADABLE', `${file}: site ${site} has no accuracy.mean`);
      const { mean, std } = stats.accuracy;
      return { trainedOn: String(row.trainedOn), testedOn: site, accuracy: mean, low: mean - std, high: mean + std };
    }),
  );
  return {
    title: 'Centralised baselines, FLamby protocol (medfl baseline)',
    data: { values },
    width: 420,
    height: 260,
    encoding: {
      x: { field: 'testedOn', type: 'nominal', title: 'test set', axis: { labelAngle: 0 } },
      xOffset: { field: 'trainedOn' },
      color: { field: 'trainedOn', type: 'nominal', legend: { orient: 'bottom', title: 'trained on' } },
    },
    layer: [
      { mark: 'bar', encoding: { y: { field: 'accuracy', type: 'quantitative', scale: { domain: [0, 1] }, title: 'test accuracy' } } },
      { mark: { type: 'rule', color: 'black' }, encoding: { y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } },
    ],
  };
}
