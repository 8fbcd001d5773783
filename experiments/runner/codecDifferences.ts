// The check that encryption does not change the model: for an arm run under two codecs with the same seed, the
// largest absolute difference between the two final models' weights, read from the model folders the runs left.
import { isModelDir, readModelDir } from '../../common/model/modelDir.ts';
import type { CodecDifference, CellRecord } from './experimentResults.ts';

/** Largest |a_i − b_i| over two weight vectors of one architecture; null when their sizes differ. */
export function maxAbsDifference(a: Float32Array, b: Float32Array): number | null {
  if (a.length !== b.length) return null;
  let largest = 0;
  for (let i = 0; i < a.length; i += 1) largest = Math.max(largest, Math.abs(a[i]! - b[i]!));
  return largest;
}

const strategyOf = (record: CellRecord): string => record.arm.replace(/ \([^)]*\)$/, '');

/**
 * Every pair of finished runs of one strategy, base plan and seed under different codecs; a pair already in
 * `previous` keeps its value (its model folders may be gone), a new pair needs both folders.
 */
export function codecDifferences(records: readonly CellRecord[], previous: readonly CodecDifference[]): CodecDifference[] {
  const runs = records.filter((record) => record.kind === 'federated' && record.status === 'ok' && record.codec && record.finalModelDir);
  const found: CodecDifference[] = [];
  runs.forEach((first, i) => {
    for (const second of runs.slice(i + 1)) {
      if (strategyOf(first) !== strategyOf(second) || first.basePlan !== second.basePlan || first.seed !== second.seed || first.codec === second.codec) continue;
      const codecs: CodecDifference['codecs'] = [first.codec!, second.codec!];
      const key = { arm: strategyOf(first), basePlan: first.basePlan, seed: first.seed, codecs };
      const known = previous.find((d) => d.arm === key.arm && d.basePlan === key.basePlan && d.seed === key.seed && d.codecs.join() === codecs.join());
      if (known) found.push(known);
      else if (isModelDir(first.finalModelDir!) && isModelDir(second.finalModelDir!)) {
        const difference = maxAbsDifference(readModelDir(first.finalModelDir!).weights, readModelDir(second.finalModelDir!).weights);
        if (difference !== null) found.push({ ...key, maxAbsWeightDifference: difference });
      }
    }
  });
  return found;
}
