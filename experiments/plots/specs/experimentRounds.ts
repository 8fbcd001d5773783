// experiment-*-rounds: each federated arm's per-round Avg accuracy and AUROC, mean over the arm's seeds.
import type { TopLevelSpec } from 'vega-lite';
import { experimentResultsFrom } from '../../runner/experimentResultsFrom.ts';
import { meanOf } from '../../runner/statistics.ts';

export function experimentRoundsPlot(file: string, result: unknown): TopLevelSpec {
  const results = experimentResultsFrom(file, result);
  const runs = results.records.filter((record) => record.kind === 'federated' && record.status === 'ok');
  const values = [...new Set(runs.map((run) => run.arm))].flatMap((arm) => {
    const mine = runs.filter((run) => run.arm === arm);
    const rounds = [...new Set(mine.flatMap((run) => run.rounds.map((r) => r.round)))].sort((a, b) => a - b);
    return rounds.flatMap((round) => {
      const at = mine.map((run) => run.rounds.find((r) => r.round === round));
      return [
        { arm, round, metric: 'Avg accuracy', value: meanOf(at.map((r) => r?.accuracy ?? null)) },
        { arm, round, metric: 'Avg AUROC', value: meanOf(at.map((r) => r?.auroc ?? null)) },
      ].filter((point) => point.value !== null);
    });
  });
  return {
    title: `${results.experiment}: each round's global model, mean over seeds`,
    data: { values },
    width: 480,
    height: 300,
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'round', type: 'quantitative', title: 'round', axis: { tickMinStep: 1 } },
      y: { field: 'value', type: 'quantitative', scale: { domain: [0.4, 1] }, title: 'test metric (mean over sites)' },
      color: { field: 'arm', type: 'nominal', sort: null, legend: { orient: 'bottom', title: null, columns: 3 } },
      strokeDash: { field: 'metric', type: 'nominal', legend: { orient: 'bottom', title: null } },
    },
  };
}
