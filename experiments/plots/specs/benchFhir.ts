// bench-fhir: FHIR import throughput and peak memory per export size.
import type { TopLevelSpec } from 'vega-lite';
import { field, rowsWith } from '../resultRows.ts';

export function benchFhirPlot(file: string, result: unknown): TopLevelSpec {
  const rows = rowsWith(file, field(file, result, 'rows'), ['observations', 'obsPerSec', 'peakRssMb']);
  const panel = (y: string, title: string) => ({
    width: 260,
    height: 240,
    mark: 'bar' as const,
    encoding: {
      x: { field: 'observations', type: 'ordinal' as const, title: 'observations in the export' },
      y: { field: y, type: 'quantitative' as const, title },
    },
  });
  return {
    title: 'FHIR R4 import by LOINC (npm run bench -- fhir)',
    data: { values: rows },
    hconcat: [panel('obsPerSec', 'observations / s'), panel('peakRssMb', 'peak RSS (MB)')],
  };
}
