// bench-gas: commitRound gas against the number of sites, with the goal (200 k at 4 sites + 12 k per site).
import type { TopLevelSpec } from 'vega-lite';
import { field, rowsWith } from '../resultRows.ts';

export function benchGasPlot(file: string, result: unknown): TopLevelSpec {
  const rows = rowsWith(file, field(file, result, 'rows'), ['sites', 'commitGas']);
  const goal = rows.map((row) => ({ sites: row.sites, goalGas: 200_000 + 12_000 * (Number(row.sites) - 4) }));
  return {
    title: 'RoundLedger.commitRound gas (npm run bench -- gas)',
    width: 480,
    height: 300,
    encoding: { x: { field: 'sites', type: 'quantitative', title: 'sites (all contribute and sign)' } },
    layer: [
      { data: { values: rows }, mark: { type: 'line', point: true }, encoding: { y: { field: 'commitGas', type: 'quantitative', title: 'gas' } } },
      { data: { values: goal }, mark: { type: 'line', strokeDash: [6, 4], color: 'gray' }, encoding: { y: { field: 'goalGas', type: 'quantitative' } } },
    ],
  };
}
