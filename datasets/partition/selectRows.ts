// Copies the given rows of a tabular dataset into a new one: how a partition becomes per-client data.
import type { TabularDataset } from '../tabular.ts';

export function selectRows(dataset: TabularDataset, rows: readonly number[]): TabularDataset {
  const width = dataset.featureNames.length;
  const features = new Float32Array(rows.length * width);
  rows.forEach((row, i) => features.set(dataset.features.subarray(row * width, (row + 1) * width), i * width));
  return { featureNames: dataset.featureNames, features, labels: Float32Array.from(rows, (row) => dataset.labels[row] ?? 0), rows: rows.length };
}
