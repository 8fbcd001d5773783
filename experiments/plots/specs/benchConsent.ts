// bench-consent: a consent proof's size and the time to prove and check it, per patients in the round.
import type { TopLevelSpec } from 'vega-lite';
import { field, rowsWith } from '../resultRows.ts';

export function benchConsentPlot(file: string, result: unknown): TopLevelSpec {
  const rows = rowsWith(file, field(file, result, 'rows'), ['patients', 'inclusionBytes', 'exclusionBytes', 'inclusionCheckMs', 'exclusionCheckMs', 'treeMs']);
  const bytes = rows.flatMap((row) => [
    { patients: row.patients, proof: 'inclusion', bytes: row.inclusionBytes },
    { patients: row.patients, proof: 'exclusion', bytes: row.exclusionBytes },
  ]);
  const times = rows.flatMap((row) => [
    { patients: row.patients, work: 'check an inclusion proof', ms: row.inclusionCheckMs },
    { patients: row.patients, work: 'check an exclusion proof', ms: row.exclusionCheckMs },
    { patients: row.patients, work: 'pseudonyms + tree (site, per round)', ms: Number(row.treeMs) + Number(row.pseudonymsMs ?? 0) },
  ]);
  const x = { field: 'patients', type: 'quantitative' as const, scale: { type: 'log' as const }, title: 'patients trained on in the round' };
  return {
    title: 'Consent proofs: size and time (npm run bench -- consent)',
    // Two legends: the proof kinds on the left, the kinds of work on the right.
    resolve: { scale: { color: 'independent' } },
    hconcat: [
      {
        data: { values: bytes }, width: 300, height: 240, mark: { type: 'line', point: true },
        encoding: { x, y: { field: 'bytes', type: 'quantitative', title: 'proof file (bytes)' }, color: { field: 'proof', type: 'nominal', legend: { orient: 'bottom', title: null } } },
      },
      {
        data: { values: times }, width: 300, height: 240, mark: { type: 'line', point: true },
        encoding: { x, y: { field: 'ms', type: 'quantitative', scale: { type: 'log' }, title: 'wall time (ms, log)' }, color: { field: 'work', type: 'nominal', legend: { orient: 'bottom', title: null, labelLimit: 400, columns: 1 } } },
      },
    ],
  };
}
