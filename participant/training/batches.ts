// Seeded mini-batches: each epoch visits every row once, in an order drawn from medfl's own PRNG; a step budget walks
// consecutive epochs.
import type { TabularDataset } from '../../datasets/tabular.ts';
import { columns } from '../../datasets/tabular.ts';
import { permutation, type SeededRandom } from '../../common/seededRandom.ts';

export interface Batch {
  readonly features: Float32Array;
  readonly labels: Float32Array;
  readonly rows: number;
}

/** The batches of one epoch (the last one may be short, as in PyTorch's DataLoader without drop_last). */
export function* epochBatches(data: TabularDataset, batchSize: number, random: SeededRandom): Generator<Batch> {
  const width = columns(data);
  const order = permutation(data.rows, random);
  for (let start = 0; start < data.rows; start += batchSize) {
    const rows = Math.min(batchSize, data.rows - start);
    const features = new Float32Array(rows * width);
    const labels = new Float32Array(rows);
    for (let r = 0; r < rows; r += 1) {
      const source = order[start + r] ?? 0;
      features.set(data.features.subarray(source * width, (source + 1) * width), r * width);
      labels[r] = data.labels[source] ?? 0;
    }
    yield { features, labels, rows };
  }
}

/**
 * Exactly `steps` batches taken from consecutive seeded epochs, a fresh shuffle whenever one runs out (FLamby's
 * DataLoaderWithMemory over a PyTorch DataLoader with drop_last=False: an epoch's short last batch is a step too).
 */
export function* stepBatches(data: TabularDataset, batchSize: number, random: SeededRandom, steps: number): Generator<Batch> {
  let taken = 0;
  while (taken < steps) {
    for (const batch of epochBatches(data, batchSize, random)) {
      yield batch;
      taken += 1;
      if (taken === steps) return;
    }
  }
}
