import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../common/seededRandom.ts';
import { epochBatches, stepBatches } from '../../../participant/training/batches.ts';

const rows = 10;
const data = {
  featureNames: ['id', 'twice'],
  features: Float32Array.from({ length: rows * 2 }, (_, i) => (i % 2 === 0 ? i / 2 : i - 1)),
  labels: Float32Array.from({ length: rows }, (_, i) => i % 2),
  rows,
};

describe('epochBatches', () => {
  it('visits every row once per epoch, rows intact, last batch short', () => {
    const batches = [...epochBatches(data, 4, seededRandom(1, 'b'))];
    expect(batches.map((batch) => batch.rows)).toEqual([4, 4, 2]);
    const ids = batches.flatMap((batch) => Array.from({ length: batch.rows }, (_, r) => batch.features[r * 2] ?? -1));
    expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: rows }, (_, i) => i));
    for (const batch of batches) {
      for (let r = 0; r < batch.rows; r += 1) {
        const id = batch.features[r * 2] ?? -1;
        expect(batch.features[r * 2 + 1]).toBe(2 * id);
        expect(batch.labels[r]).toBe(id % 2);
      }
    }
  });

  it('shuffles differently each epoch, the same way for the same seed', () => {
    const order = (random: ReturnType<typeof seededRandom>) => [...epochBatches(data, rows, random)][0]?.features.filter((_, i) => i % 2 === 0);
    const a = seededRandom(5, 'b');
    const b = seededRandom(5, 'b');
    const first = order(a);
    expect(order(b)).toEqual(first);
    expect(order(a)).not.toEqual(first);
  });
});

describe('stepBatches', () => {
  const ids = (batch: { features: Float32Array; rows: number }) => Array.from({ length: batch.rows }, (_, r) => batch.features[r * 2] ?? -1);

  it('takes exactly the step budget from consecutive epochs, keeping each epoch’s short last batch', () => {
    const batches = [...stepBatches(data, 4, seededRandom(1, 'b'), 7)];
    expect(batches.map((batch) => batch.rows)).toEqual([4, 4, 2, 4, 4, 2, 4]);
    const epochs = [...epochBatches(data, 4, seededRandom(1, 'b'))];
    expect(batches.slice(0, 3).map(ids)).toEqual(epochs.map(ids));
    const secondEpoch = batches.slice(3, 6).flatMap(ids);
    expect(secondEpoch.sort((a, b) => a - b)).toEqual(Array.from({ length: rows }, (_, i) => i));
  });

  it('draws the same epochs as epochBatches from the same stream, and stops mid-epoch', () => {
    const random = seededRandom(3, 'b');
    const expected = [...epochBatches(data, 3, random), ...epochBatches(data, 3, random)].slice(0, 5).map(ids);
    expect([...stepBatches(data, 3, seededRandom(3, 'b'), 5)].map(ids)).toEqual(expected);
  });
});
