// bench-feeds: import rate and peak memory of CSV and HL7 v2 feeds beside FHIR NDJSON, on the same site.
import type { TopLevelSpec } from 'vega-lite';
import { field, rowsWith } from '../resultRows.ts';

export function benchFeedsPlot(file: string, result: unknown): TopLevelSpec {
  const rows = rowsWith(file, field(file, result, 'rows'), ['format', 'valuesPerSec', 'obsPerSec', 'peakRssMb']);
  const panel = (y: string, title: string) => ({
    width: 220,
    height: 240,
    mark: 'bar' as const,
    encoding: {
      x: { field: 'format', type: 'nominal' as const, title: 'format', sort: null },
      y: { field: y, type: 'quantitative' as const, title },
    },
  });
  return {
    title: 'Legacy feed import beside FHIR, one site (npm run bench -- feeds)',
    data: { values: rows },
    hconcat: [panel('valuesPerSec', 'feature values / s'), panel('obsPerSec', 'observations (rows, OBX) / s'), panel('peakRssMb', 'peak RSS (MB)')],
  };
}
