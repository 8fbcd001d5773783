// bench-startup: CPU seconds to start a medfl process per command, on medfl's loader (cache warm and cold) and on tsx.
import type { TopLevelSpec } from 'vega-lite';
import { field, rowsWith } from '../resultRows.ts';

export function benchStartupPlot(file: string, result: unknown): TopLevelSpec {
  const rows = rowsWith(file, field(file, result, 'rows'), ['command', 'loader', 'cpuSecondsMedian', 'cpuSecondsMin', 'cpuSecondsMax']);
  const encoding = {
    x: { field: 'command', type: 'nominal', title: 'medfl COMMAND --help', axis: { labelAngle: 0 } },
    xOffset: { field: 'loader' },
    color: { field: 'loader', type: 'nominal', legend: { orient: 'bottom', title: null, labelLimit: 300 } },
  } as const;
  return {
    title: 'CPU to start a medfl process (npm run bench -- startup)',
    data: { values: rows },
    width: 380,
    height: 260,
    layer: [
      { mark: 'bar', encoding: { ...encoding, y: { field: 'cpuSecondsMedian', type: 'quantitative', title: 'CPU seconds, median (bar) and range (line)' } } },
      { mark: { type: 'rule', color: 'black' }, encoding: { ...encoding, y: { field: 'cpuSecondsMin', type: 'quantitative' }, y2: { field: 'cpuSecondsMax' } } },
    ],
  };
}
