// experiment-*: each arm's Avg metric (mean over seeds, error bar ± one std) beside its published figure.
import type { TopLevelSpec } from 'vega-lite';
import { armSummaries } from '../../runner/armSummaries.ts';
import { experimentResultsFrom } from '../../runner/experimentResultsFrom.ts';

export function experimentBarsPlot(file: string, result: unknown): TopLevelSpec {
  const results = experimentResultsFrom(file, result);
  const metric = (results.published?.metric ?? 'accuracy') as 'accuracy' | 'auroc' | 'auprc';
  const values = armSummaries(results).flatMap((summary) => {
    const ours = summary[metric];
    const bars = ours.mean === null ? [] : [{ arm: summary.arm, source: 'medfl', mean: ours.mean, low: ours.mean - (ours.std ?? 0), high: ours.mean + (ours.std ?? 0) }];
    const { published } = summary;
    if (published) bars.push({ arm: summary.arm, source: 'published', mean: published.mean, low: published.mean - (published.std ?? 0), high: published.mean + (published.std ?? 0) });
    return bars;
  });
  return {
    title: `${results.experiment}: Avg ${metric} over sites, mean ± std over seeds`,
    data: { values },
    width: Math.max(320, 60 * new Set(values.map((v) => v.arm)).size),
    height: 280,
    encoding: {
      x: { field: 'arm', type: 'nominal', sort: null, title: null, axis: { labelAngle: -30 } },
      xOffset: { field: 'source' },
      color: { field: 'source', type: 'nominal', legend: { orient: 'bottom', title: null } },
    },
    layer: [
      { mark: 'bar', encoding: { y: { field: 'mean', type: 'quantitative', scale: { domain: [0, 1] }, title: `Avg ${metric}` } } },
      { mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' }, color: { value: 'black' } } },
    ],
  } as TopLevelSpec;
}
