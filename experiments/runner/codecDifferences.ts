// The check that encryption does not change the model: for two runs whose plans differ only in their codec, the
// largest absolute difference between the two final models' weights, read from the model folders the runs left.
import { canonicalJson } from '../../common/canonicalJson.ts';
import { isModelDir, readModelDir } from '../../common/model/modelDir.ts';
import type { CodecDifference, CellRecord } from './experimentResults.ts';

/** Largest |a_i − b_i| over two weight vectors of one architecture; null when their sizes differ. */
export function maxAbsDifference(a: Float32Array, b: Float32Array): number | null {
  if (a.length !== b.length) return null;
  let largest = 0;
  for (let i = 0; i < a.length; i += 1) largest = Math.max(largest, Math.abs(a[i]! - b[i]!));
  return largest;
}

/** Two runs differ only in their codec when their plans are equal without `privacy.encryption`. */
function planWithoutCodec(record: CellRecord): string {
  const { privacy, ...rest } = record.plan as { privacy?: Record<string, unknown> };
  return canonicalJson({ ...rest, privacy: { ...privacy, encryption: null } });
}

/**
 * Every pair of finished runs whose plans differ only in their codec (so same strategy, base plan and seed); a pair
 * already in `previous` keeps its value (its model folders may be gone), a new pair needs both folders.
 */
export function codecDifferences(records: readonly CellRecord[], previous: readonly CodecDifference[]): CodecDifference[] {
  const runs = records.filter((record) => record.kind === 'federated' && record.status === 'ok' && record.codec && record.finalModelDir);
  const found: CodecDifference[] = [];
  runs.forEach((first, i) => {
    for (const second of runs.slice(i + 1)) {
      if (first.codec === second.codec || planWithoutCodec(first) !== planWithoutCodec(second)) continue;
      const key = { arms: [first.arm, second.arm] as [string, string], basePlan: first.basePlan, seed: first.seed, codecs: [first.codec!, second.codec!] as CodecDifference['codecs'] };
      const known = previous.find((d) => d.arms.join('\n') === key.arms.join('\n') && d.basePlan === key.basePlan && d.seed === key.seed);
      if (known) found.push(known);
      else if (isModelDir(first.finalModelDir!) && isModelDir(second.finalModelDir!)) {
        const difference = maxAbsDifference(readModelDir(first.finalModelDir!).weights, readModelDir(second.finalModelDir!).weights);
        if (difference !== null) found.push({ ...key, maxAbsWeightDifference: difference });
      }
    }
  });
  return found;
}
